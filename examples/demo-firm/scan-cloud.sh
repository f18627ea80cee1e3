#!/usr/bin/env bash
# The cloud posture checks (Chapter 2, Art. 8–9) on a Prowler OCSF file of
# the demo firm's AWS accounts (src/cloud/testdata/prowler-aws.ocsf.json):
# the cloud team records which accounts and regions each service uses, and
# the findings are judged per service and recorded as evidence; then the
# Terraform plan of trading-dr (trading-dr.tfplan.json, `terraform show
# -json`) is judged by etguard's own rules: a plain HTTP listener and backups
# kept three days fail; and Checkov's report of the same code (an
# unencrypted bucket, access logging skipped in the code) is judged too.
# Usage: scan-cloud.sh ETGUARD WORKSPACE OUT_DIR
set -euo pipefail
etguard=$1
ws=$2
out=$3
here=$(cd "$(dirname "$0")" && pwd)
findings=$here/../../src/cloud/testdata/prowler-aws.ocsf.json
e() { "$etguard" --workspace "$ws" "$@"; }
e registers set cloud/trading-dr --detail cloud_accounts=111122223333 --detail regions=ap-east-2 >/dev/null
e registers set cloud/dev-paas --detail cloud_accounts=444455556666 >/dev/null
cp "$findings" "$out/prowler-aws.ocsf.json"
echo "Cloud posture (scan cloud, Art. 8–9) from Prowler's findings:"
set +e
e scan cloud --import-findings "$out/prowler-aws.ocsf.json" --import >"$out/scan-cloud.txt" 2>&1
set -e
sed 's/^/  /' "$out/scan-cloud.txt"
echo "Terraform plan of cloud/trading-dr (scan cloud --plan, etguard's rules):"
cp "$here/trading-dr.tfplan.json" "$out/trading-dr.tfplan.json"
set +e
e scan cloud --plan "$out/trading-dr.tfplan.json" --object cloud/trading-dr --import \
  >"$out/scan-cloud-plan.txt" 2>&1
set -e
sed 's/^/  /' "$out/scan-cloud-plan.txt"
echo "Checkov's report of cloud/trading-dr's Terraform code (scan cloud --import-findings):"
cp "$here/../../src/cloud/testdata/checkov-terraform.json" "$out/checkov-trading-dr.json"
set +e
e scan cloud --import-findings "$out/checkov-trading-dr.json" --object cloud/trading-dr --import \
  >"$out/scan-cloud-checkov.txt" 2>&1
set -e
sed 's/^/  /' "$out/scan-cloud-checkov.txt"
