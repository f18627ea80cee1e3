#!/usr/bin/env bash
# etguard scan cloud on Prowler OCSF findings (src/cloud/testdata): without
# accounts in the register nothing is judged (exit 2); with trading-dr and
# dev-paas registered by account, each service is judged per topic —
# encryption fails on the unencrypted bucket, location on the resource in a
# region the register does not designate and outside Taiwan, the muted
# GuardDuty failure still fails — while access, logging and backup pass; the
# unregistered account and the unmapped check are counted, never judged.
# The same findings as JSON Lines (the array rewritten one per line) or as
# Prowler's CSV give the same verdicts; JSONL and OCSF are one object per line. --import
# records the services' evidence and the ledger verifies. A truncated file,
# an unknown status_code and a missing file exit 2 and record nothing.
# A Terraform plan (plan-aws.json) is judged for --object by etguard's rules
# both ways; a plan of format 2.0, a truncated plan, a plan without --object
# or with an object not in the register exit 2 and record nothing. Checkov's
# JSON and SARIF reports and CloudFormation templates are judged for
# --object; Security Hub's ASFF is placed by account.
# Usage: scan-cloud.sh ETGUARD WORKDIR
set -euo pipefail
etguard=$1 work=$2
here=$(cd "$(dirname "$0")" && pwd)
fixture=$here/../../src/cloud/testdata/prowler-aws.ocsf.json
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"
ws=$work/ws
e() { "$etguard" --workspace "$ws" --lang en "$@"; }
"$etguard" init "$ws" >/dev/null
e registers import "$here/../../examples/demo-firm/registers.yaml" >/dev/null

set +e
e scan cloud --import-findings "$fixture" >"$work/none.txt" 2>&1
rc=$?
set -e
((rc == 2)) || fail "no accounts registered: exit $rc, expected 2"
grep -q "no cloud service in the register lists its accounts" "$work/none.txt" ||
  fail "no accounts registered: $(cat "$work/none.txt")"

e registers set cloud/trading-dr --detail cloud_accounts=111122223333 --detail regions=ap-east-2 >/dev/null
e registers set cloud/dev-paas --detail cloud_accounts=444455556666 >/dev/null

expect_verdicts() {  # FILE: the table's verdicts per service
  local out=$1
  for line in "cloud/trading-dr" "  cloud.encryption fail" "  cloud.access pass" "  cloud.logging pass" \
    "  cloud.backup pass" "  cloud.location fail" "cloud/dev-paas" "  cloud.threats fail"; do
    grep -qxF -- "$line" "$out" || fail "missing '$line' in $(cat "$out")"
  done
  grep -q "s3_bucket_default_encryption failed on 1 resource(s) \[ET-8.1.1\]: arn:aws:s3:::trading-exports" "$out" ||
    fail "the encryption failure does not name the bucket"
  grep -q "CLOUD_REGION_NOT_DESIGNATED: 1 finding(s) in us-east-1" "$out" || fail "no region failure"
  grep -q "CLOUD_DATA_OUTSIDE_TAIWAN" "$out" || fail "no Taiwan failure"
  grep -q "warning CLOUD_TOOL_FAILURE_MUTED" "$out" || fail "the muted failure is not flagged"
  grep -q "1 findings of accounts no service registers (not judged): 999999999999 (1)" "$out" ||
    fail "the unregistered account is not reported"
  grep -q "account_maintain_current_contact_details (1)" "$out" || fail "the unmapped check is not reported"
  ! grep -q "cloud.keys\|cloud.posture" "$out" || fail "a topic without findings was judged"
}

set +e
e scan cloud --import-findings "$fixture" >"$work/table.txt" 2>&1
rc=$?
set -e
((rc == 1)) || fail "findings: exit $rc, expected 1"
expect_verdicts "$work/table.txt"

# The same findings one per line, read from standard input.
python3 -c 'import json,sys; [print(json.dumps(f)) for f in json.load(open(sys.argv[1]))]' "$fixture" \
  >"$work/findings.jsonl"
set +e
e scan cloud --import-findings - <"$work/findings.jsonl" >"$work/lines.txt" 2>&1
set -e
expect_verdicts "$work/lines.txt"
# The same findings in Prowler's CSV output (';'-separated), told apart by
# its header.
set +e
e scan cloud --import-findings "$here/../../src/cloud/testdata/prowler-aws.csv" >"$work/csv.txt" 2>&1
set -e
expect_verdicts "$work/csv.txt"

for format in jsonl ocsf; do
  set +e
  e scan cloud --import-findings "$fixture" --format "$format" >"$work/out.$format"
  set -e
  python3 - "$work/out.$format" "$format" <<'PY' || fail "$format output"
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
assert len(rows) == 6, len(rows)
if sys.argv[2] == "jsonl":
    enc = [r for r in rows if r["check_id"] == "cloud.encryption"][0]
    assert enc["target"] == "cloud/trading-dr" and enc["verdict"] == "fail", enc
    assert enc["evidence"]["sources"][0]["sha256"], enc
    s3 = [c for c in enc["evidence"]["tool_checks"] if c["check"] == "s3_bucket_default_encryption"][0]
    assert s3["failing"] == ["arn:aws:s3:::trading-exports"] and s3["passed"] == 1, s3
PY
done

e scan cloud --import-findings "$fixture" --import >/dev/null 2>"$work/import.txt" || true
grep -q "imported 6 scan evidence records (1 skipped" "$work/import.txt" || fail "import: $(cat "$work/import.txt")"
e ledger verify >/dev/null || fail "the ledger does not verify after --import"
e evidence list >"$work/evidence.txt"
grep -q "ET-8.1.1 .*cloud/trading-dr .*cloud.encryption cloud/trading-dr (partial) \[fail\]" "$work/evidence.txt" ||
  fail "no encryption evidence on cloud/trading-dr: $(cat "$work/evidence.txt")"
grep -q "ET-8.6.3.3 .*cloud.location cloud/trading-dr (partial) \[fail\]" "$work/evidence.txt" ||
  fail "no location evidence for ET-8.6.3.3"
! grep -q "ET-8.7.1 .*cloud.encryption" "$work/evidence.txt" ||
  fail "ET-8.7.1 recorded though no transit check was in the file"

refused() {  # NAME EXPECTED-TEXT ARGS...: exit 2, the text, the ledger unchanged
  local name=$1 text=$2 before after rc
  shift 2
  before=$(e ledger verify | tail -1)
  set +e
  e scan cloud "$@" --import >"$work/$name.txt" 2>&1
  rc=$?
  set -e
  ((rc == 2)) || fail "$name: exit $rc, expected 2: $(cat "$work/$name.txt")"
  grep -qF -- "$text" "$work/$name.txt" || fail "$name: missing '$text' in $(cat "$work/$name.txt")"
  after=$(e ledger verify | tail -1)
  [[ $before == "$after" ]] || fail "$name changed the ledger"
}
head -c 3000 "$fixture" >"$work/truncated.json"
refused truncated "the file ends inside this value" --import-findings "$work/truncated.json"
sed '0,/"status_code": "PASS"/s//"status_code": "OK"/' "$fixture" >"$work/status.json"
refused status "finding 1: status_code 'OK' is none of PASS, FAIL, MANUAL" --import-findings "$work/status.json"
refused missing "cannot open" --import-findings "$work/missing.json"

# A Terraform plan of trading-dr: every rule's bad resource fails, each
# finding names its resource address; the volume through the Tokyo provider
# is out of the designated region; a value known only after apply and a type
# no rule knows are not judged. The same plan without the bad resources passes.
plan=$here/../../src/cloud/testdata/plan-aws.json
set +e
e scan cloud --plan "$plan" --object cloud/trading-dr >"$work/plan.txt" 2>&1
rc=$?
set -e
((rc == 1)) || fail "plan: exit $rc, expected 1: $(cat "$work/plan.txt")"
for line in "  cloud.keys fail" "  cloud.backup fail" "  cloud.location fail" \
  "1 rule value(s) known only after apply (not judged)" \
  "resource types no rule judges (not judged): aws_security_group (1)"; do
  grep -qxF -- "$line" "$work/plan.txt" || fail "plan: missing '$line' in $(cat "$work/plan.txt")"
done
for text in "aws_db_instance.kms_key_id failed on 1 resource(s) [ET-8.7.3]: aws_db_instance.bad" \
  "CLOUD_REGION_NOT_DESIGNATED: 2 finding(s) in ap-northeast-1 (aws_ebs_volume.tokyo)"; do
  grep -qF -- "$text" "$work/plan.txt" || fail "plan: missing '$text' in $(cat "$work/plan.txt")"
done
# Art. 8.4.1: without the service's trusted registries the registry rule is
# not judged (the digest rule is); with them, the Docker Hub image fails.
grep -qxF "2 image-source rule value(s) not judged: the service registers no trusted registries (details.trusted_registries)" \
  "$work/plan.txt" || fail "plan: registry rule judged without a register list: $(cat "$work/plan.txt")"
grep -qF "aws_ecs_task_definition.image_digest failed on 1 resource(s) [ET-8.4.1]: aws_ecs_task_definition.bad" \
  "$work/plan.txt" || fail "plan: digest rule: $(cat "$work/plan.txt")"
e registers set cloud/trading-dr --detail trusted_registries=111122223333.dkr.ecr.ap-east-2.amazonaws.com >/dev/null
set +e
e scan cloud --plan "$plan" --object cloud/trading-dr >"$work/plan-registries.txt" 2>&1
set -e
grep -qF "aws_ecs_task_definition.image_registry failed on 1 resource(s) [ET-8.4.1]: aws_ecs_task_definition.bad" \
  "$work/plan-registries.txt" || fail "plan: registry rule: $(cat "$work/plan-registries.txt")"
! grep -q "image-source rule value(s) not judged" "$work/plan-registries.txt" ||
  fail "plan: registry rule still not judged with a register list"
set +e
e scan cloud --plan "$plan" --object cloud/trading-dr --format jsonl >"$work/plan.jsonl"
set -e
python3 - "$work/plan.jsonl" <<'PY' || fail "plan: JSONL"
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
enc = [r for r in rows if r["check_id"] == "cloud.encryption"][0]
listener = [c for c in enc["evidence"]["tool_checks"] if c["check"] == "aws_lb_listener.protocol"][0]
assert listener["failing"] == ["aws_lb_listener.bad"] and listener["passed"] == 1, listener
keys = [r for r in rows if r["check_id"] == "cloud.keys"][0]
assert keys["evidence"]["manual"] == 1, keys["evidence"]
PY
python3 - "$plan" "$work/good-plan.json" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
root = plan["planned_values"]["root_module"]
root["resources"] = [r for r in root["resources"] if r["name"] not in ("bad", "tokyo")]
json.dump(plan, open(sys.argv[2], "w"))
PY
e scan cloud --plan "$work/good-plan.json" --object cloud/trading-dr >"$work/good-plan.txt" ||
  fail "the plan without its bad resources: $(cat "$work/good-plan.txt")"
grep -qxF "  cloud.keys pass" "$work/good-plan.txt" || fail "good plan: $(cat "$work/good-plan.txt")"
e scan cloud --plan "$plan" --object cloud/trading-dr --import >/dev/null 2>&1 || true
e ledger verify >/dev/null || fail "the ledger does not verify after a plan's --import"
e evidence list >"$work/plan-evidence.txt"
grep -q "ET-8.7.3 .*cloud.keys cloud/trading-dr (partial) \[fail\]" "$work/plan-evidence.txt" ||
  fail "no key evidence from the plan: $(cat "$work/plan-evidence.txt")"

sed 's/"format_version": "1.2"/"format_version": "2.0"/' "$plan" >"$work/plan-v2.json"
refused plan-format "plan format_version '2.0': etguard reads 0.x and 1.x" \
  --plan "$work/plan-v2.json" --object cloud/trading-dr
refused plan-object "--plan, --template and Checkov's or Trivy's findings need --object cloud/ID" --plan "$plan"
refused plan-unknown-object "cloud/nowhere: no such entry in the cloud register" \
  --plan "$plan" --object cloud/nowhere
head -c 2000 "$plan" >"$work/plan-truncated.json"
refused plan-truncated "not valid JSON" --plan "$work/plan-truncated.json" --object cloud/trading-dr
# Checkov's report of trading-dr's code (JSON, then SARIF), told apart from
# Prowler's by its content: the unencrypted bucket fails, the access logging
# suppressed in the code still fails (muted), backups pass; the description
# check is counted as unmapped; without --object it is refused.
checkov=$here/../../src/cloud/testdata/checkov-terraform
for format in json sarif; do
  set +e
  e scan cloud --import-findings "$checkov.$format" --object cloud/trading-dr >"$work/checkov-$format.txt" 2>&1
  rc=$?
  set -e
  ((rc == 1)) || fail "checkov $format: exit $rc, expected 1: $(cat "$work/checkov-$format.txt")"
  grep -qF "CKV_AWS_19 failed on 1 resource(s) [ET-8.1.1]" "$work/checkov-$format.txt" ||
    fail "checkov $format: $(cat "$work/checkov-$format.txt")"
  grep -qF "warning CLOUD_TOOL_FAILURE_MUTED: CKV_AWS_18" "$work/checkov-$format.txt" ||
    fail "checkov $format: the suppressed failure: $(cat "$work/checkov-$format.txt")"
  grep -qF "no mapping names (not judged): CKV_AWS_23 (1)" "$work/checkov-$format.txt" ||
    fail "checkov $format: unmapped: $(cat "$work/checkov-$format.txt")"
done
grep -qxF "  cloud.backup pass" "$work/checkov-json.txt" || fail "checkov json: no passes"
! grep -q "cloud.backup" "$work/checkov-sarif.txt" || fail "checkov sarif: a pass from failures only"
refused checkov-object "need --object cloud/ID" --import-findings "$checkov.json"
# Trivy's report of the same code (JSON with passes, then SARIF), told apart
# from Security Hub's though both carry a SchemaVersion: the bucket without a
# customer-managed key fails (AVD-AWS-0132 read as AWS-0132), the excepted SSH
# rule still fails (muted); the CVE and the Dockerfile check are counted, not
# judged; public access blocks pass only from the JSON.
trivy=$here/../../src/cloud/testdata/trivy-terraform
for format in json sarif; do
  set +e
  e scan cloud --import-findings "$trivy.$format" --object cloud/trading-dr >"$work/trivy-$format.txt" 2>&1
  rc=$?
  set -e
  ((rc == 1)) || fail "trivy $format: exit $rc, expected 1: $(cat "$work/trivy-$format.txt")"
  grep -qF "AWS-0132 failed on 1 resource(s) [ET-8.7.3]" "$work/trivy-$format.txt" ||
    fail "trivy $format: $(cat "$work/trivy-$format.txt")"
  grep -qF "trivy $format: " "$work/trivy-$format.txt" || fail "trivy $format: no summary line"
done
grep -qF "warning CLOUD_TOOL_FAILURE_MUTED: AWS-0107" "$work/trivy-json.txt" ||
  fail "trivy json: the excepted failure: $(cat "$work/trivy-json.txt")"
grep -qF "2 results that are no configuration check" "$work/trivy-json.txt" ||
  fail "trivy json: not_checks: $(cat "$work/trivy-json.txt")"
grep -qF "1 results that are no configuration check" "$work/trivy-sarif.txt" ||
  fail "trivy sarif: not_checks: $(cat "$work/trivy-sarif.txt")"
# Security Hub's ASFF export, placed by account like Prowler's: S3.5 fails on
# the bucket, the suppressed IAM.5 still fails (muted), the WARNING is not
# judged; GuardDuty's and the archived finding are counted, not judged.
set +e
e scan cloud --import-findings "$here/../../src/cloud/testdata/securityhub-findings.json" \
  >"$work/hub.txt" 2>&1
rc=$?
set -e
((rc == 1)) || fail "security hub: exit $rc, expected 1: $(cat "$work/hub.txt")"
for text in "6 control findings; 1 findings of other products (GuardDuty, Inspector…) and 1 archived" \
  "S3.5 failed on 1 resource(s) [ET-8.1.1 ET-8.7.1]: arn:aws:s3:::trading-exports" \
  "warning CLOUD_TOOL_FAILURE_MUTED: IAM.5" "CLOUD_ONLY_MANUAL" \
  "no mapping names (not judged): Account.1 (1)"; do
  grep -qF -- "$text" "$work/hub.txt" || fail "security hub: missing '$text' in $(cat "$work/hub.txt")"
done
echo '{"Findings": [{"AwsAccountId": "111122223333", "Compliance": {"Status": "MAYBE", "SecurityControlId": "S3.5"}}]}' \
  >"$work/hub-bad.json"
refused hub-status "finding 1: Compliance.Status 'MAYBE' is none of PASSED, FAILED" \
  --import-findings "$work/hub-bad.json"
# A CloudFormation template of trading-dr, YAML and JSON: bad resources fail
# by logical id and line, intrinsic values are not judged; a template without
# Resources is refused with its line.
set +e
e scan cloud --template "$here/../../src/cloud/testdata/cfn-template.yaml" --object cloud/trading-dr \
  >"$work/cfn.txt" 2>&1
rc=$?
set -e
((rc == 1)) || fail "cloudformation: exit $rc, expected 1: $(cat "$work/cfn.txt")"
for text in "AWS::EC2::Volume.Encrypted failed on 1 resource(s) [ET-8.1.1]: EC2VolumeBad (line 32)" \
  "2 rule value(s) given by an intrinsic function, known only at deployment (not judged)" \
  "resource types no rule judges (not judged): AWS::EC2::SecurityGroup (1)"; do
  grep -qF -- "$text" "$work/cfn.txt" || fail "cloudformation: missing '$text' in $(cat "$work/cfn.txt")"
done
set +e
e scan cloud --template "$here/../../src/cloud/testdata/cfn-template.json" --object cloud/trading-dr \
  >"$work/cfn-json.txt" 2>&1
set -e
grep -qF "AWS::KMS::Key.EnableKeyRotation failed on 1 resource(s) [ET-8.1.1]: KMSKeyBad" "$work/cfn-json.txt" ||
  fail "cloudformation json: $(cat "$work/cfn-json.txt")"
printf 'AWSTemplateFormatVersion: "2010-09-09"\nParameters: {}\n' >"$work/no-resources.yaml"
refused cfn-resources "no-resources.yaml:1:1: no Resources mapping" \
  --template "$work/no-resources.yaml" --object cloud/trading-dr
# Azure Policy's states of Defender for Cloud's benchmark, placed by
# subscription: the storage account without secure transfer fails, the
# exempt management ports still fail (muted), the unknown state is not
# judged, backups pass; the policy outside the benchmark is unmapped and the
# other subscription unassigned.
e registers set cloud/dev-paas --detail cloud_accounts=444455556666,aaaaaaaa-1111-2222-3333-444444444444 >/dev/null
set +e
e scan cloud --import-findings "$here/../../src/cloud/testdata/azure-policy-states.json" >"$work/azure.txt" 2>&1
rc=$?
set -e
((rc == 1)) || fail "azure policy: exit $rc, expected 1: $(cat "$work/azure.txt")"
for text in "azure_policy: " "3 compliant, 3 non-compliant, 1 exempt (still failures), 1 unknown (not judged)" \
  "404c3081-a854-4457-ae30-26a93ef643f9 failed on 1 resource(s) [ET-8.1.1 ET-8.7.1]" \
  "warning CLOUD_TOOL_FAILURE_MUTED: 22730e10-96f6-4aac-ad84-9383d35b5917" \
  "no mapping names (not judged): 06a78e20-9358-41c9-923c-fb736d382a4d (1)" \
  "bbbbbbbb-5555-6666-7777-888888888888 (1)"; do
  grep -qF -- "$text" "$work/azure.txt" || fail "azure policy: missing '$text' in $(cat "$work/azure.txt")"
done
grep -qxF "  cloud.backup pass" "$work/azure.txt" || fail "azure policy: no backup pass: $(cat "$work/azure.txt")"
echo '[{"complianceState": "Healthy", "policyDefinitionName": "p", "subscriptionId": "s"}]' >"$work/azure-bad.json"
refused azure-state "state 1: complianceState 'Healthy' is none of Compliant" --import-findings "$work/azure-bad.json"
# Google Security Command Center's findings, placed by project id or, for a
# service that registers the project's number, by that number: the open SSH
# port fails access, the muted unenforced SSL still fails encryption, the
# fixed (inactive) findings pass; the threat is counted, not judged; the
# billing category is unmapped; the organization's finding and the sandbox
# project are unassigned.
e registers set cloud/crm-saas --detail cloud_accounts=etg-analytics-prod >/dev/null
e registers set cloud/hr-saas --detail cloud_accounts=318846120557 >/dev/null
set +e
e scan cloud --import-findings "$here/../../src/cloud/testdata/scc-findings.json" >"$work/scc.txt" 2>&1
rc=$?
set -e
((rc == 1)) || fail "security command center: exit $rc, expected 1: $(cat "$work/scc.txt")"
for text in "security_command_center: " \
  "7 active (failures, 1 of them muted), 3 inactive (fixed: passes), 1 of unspecified state (not judged); 1 findings that are no setting" \
  "OPEN_SSH_PORT failed on 1 resource(s) [ET-8.2.2]: //compute.googleapis.com/projects/etg-analytics-prod/global/firewalls/allow-ssh-any" \
  "warning CLOUD_TOOL_FAILURE_MUTED: SSL_NOT_ENFORCED" \
  "LABELS_NOT_USED (1)" "organizations/595779152576 (1)" "etg-sandbox (1)"; do
  grep -qF -- "$text" "$work/scc.txt" || fail "security command center: missing '$text' in $(cat "$work/scc.txt")"
done
awk '/^cloud\/crm-saas/{s=1;next} /^cloud\//{s=0} s' "$work/scc.txt" >"$work/scc-crm.txt"
awk '/^cloud\/hr-saas/{s=1;next} /^cloud\//{s=0} s' "$work/scc.txt" >"$work/scc-hr.txt"
for line in "  cloud.access fail" "  cloud.encryption fail" "  cloud.backup pass" "  cloud.keys fail"; do
  grep -qxF -- "$line" "$work/scc-crm.txt" || fail "security command center: crm-saas lacks '$line': $(cat "$work/scc.txt")"
done
for line in "  cloud.logging pass" "  cloud.access fail"; do
  grep -qxF -- "$line" "$work/scc-hr.txt" || fail "security command center: hr-saas lacks '$line': $(cat "$work/scc.txt")"
done
echo '[{"finding": {"category": "OPEN_SSH_PORT", "state": "OPEN"}, "resource": {"resourceName": "x"}}]' >"$work/scc-bad.json"
refused scc-state "finding 1: state 'OPEN' is none of ACTIVE, INACTIVE, STATE_UNSPECIFIED" --import-findings "$work/scc-bad.json"
echo "scan cloud: verdicts, formats, import, plans, templates, Checkov, Trivy, Security Hub, Azure Policy, Security Command Center and refusals as expected"
