#!/usr/bin/env bash
# What `make run` does, in one place so a test can do the same: the catalog's
# summary and exports, the demo firm's workspace with its scope, assessment,
# scans and reports, and its year (two cycles, a signed-off report, the pack).
# Everything goes to OUT. Usage: run.sh ETGUARD OUT
set -euo pipefail
etguard=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
"$etguard" catalog stats
"$etguard" catalog verify-source
for lang in zh-TW en; do
  "$etguard" catalog export --format csv --lang "$lang" --out "$out/catalog.$lang.csv"
  "$etguard" catalog export --format xlsx --lang "$lang" --out "$out/catalog.$lang.xlsx"
  "$etguard" catalog export --format oscal --lang "$lang" --out "$out/catalog.oscal.$lang.json"
done
"$etguard" catalog export --format json --out "$out/catalog.json"
echo
echo "Exports written to $out/:"
ls -1 "$out" | sed 's/^/  /'
echo
echo "Demo workspace ($out/demo) for the fictional firm in examples/demo-firm:"
demo=$out/demo
[ -d "$demo/.etguard" ] || "$etguard" init "$demo"
e() { "$etguard" --workspace "$demo" "$@"; }
e registers import "$here/registers.yaml"
e scope > "$out/demo-statement-of-applicability.txt"
e --lang zh-TW soa --out "$out/statement-of-applicability.html" >/dev/null
head -2 "$out/demo-statement-of-applicability.txt"
echo "  statement of applicability: $out/demo-statement-of-applicability.txt"
"$here/assess.sh" "$etguard" "$demo"
"$here/scan-tls.sh" "$etguard" "$demo" "$out"
"$here/scan-pii.sh" "$etguard" "$demo" "$out"
"$here/scan-authlog.sh" "$etguard" "$demo" "$out"
"$here/scan-ai.sh" "$etguard" "$demo" "$out"
"$here/scan-iot.sh" "$etguard" "$demo" "$out"
"$here/scan-app.sh" "$etguard" "$demo" "$out"
"$here/scan-cloud.sh" "$etguard" "$demo" "$out"
e report --format html --lang zh-TW --out "$out/report.html"
e report --format html --lang en --out "$out/report.en.html"
e report --format xlsx --lang zh-TW --out "$out/report.xlsx"
e report --format oscal-ar --out "$out/assessment-results.oscal.json"
e status > "$out/demo-status.txt" || true
head -1 "$out/demo-status.txt"
e ledger verify
echo
echo "The demo firm's year ($out/year): two cycles, a plan carried over, a signed-off report, the examiner's pack:"
"$here/year.sh" "$etguard" "$out"
