#!/usr/bin/env bash
# etguard scan cloud on Prowler OCSF findings (src/cloud/testdata): without
# accounts in the register nothing is judged (exit 2); with trading-dr and
# dev-paas registered by account, each service is judged per topic —
# encryption fails on the unencrypted bucket, location on the resource in a
# region the register does not designate and outside Taiwan, the muted
# GuardDuty failure still fails — while access, logging and backup pass; the
# unregistered account and the unmapped check are counted, never judged.
# The same findings as JSON Lines (the array rewritten one per line) give
# the same verdicts; JSONL and OCSF are one object per line. --import
# records the services' evidence and the ledger verifies. A truncated file,
# an unknown status_code and a missing file exit 2 and record nothing.
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
  grep -q "CLOUD_REGION_NOT_DESIGNATED: 1 resource(s) in us-east-1" "$out" || fail "no region failure"
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

refused() {  # NAME FILE EXPECTED-TEXT
  local before after rc
  before=$(e ledger verify | tail -1)
  set +e
  e scan cloud --import-findings "$2" --import >"$work/$1.txt" 2>&1
  rc=$?
  set -e
  ((rc == 2)) || fail "$1: exit $rc, expected 2: $(cat "$work/$1.txt")"
  grep -qF -- "$3" "$work/$1.txt" || fail "$1: missing '$3' in $(cat "$work/$1.txt")"
  after=$(e ledger verify | tail -1)
  [[ $before == "$after" ]] || fail "$1 changed the ledger"
}
head -c 3000 "$fixture" >"$work/truncated.json"
refused truncated "$work/truncated.json" "the file ends inside this value"
sed '0,/"status_code": "PASS"/s//"status_code": "OK"/' "$fixture" >"$work/status.json"
refused status "$work/status.json" "finding 1: status_code 'OK' is none of PASS, FAIL, MANUAL"
refused missing "$work/missing.json" "cannot open"
echo "scan cloud: verdicts, formats, import and refusals as expected"
