#!/usr/bin/env bash
# The auth-log analyzer on a small invented day of the demo firm: the web
# trading logins (logs/auth-events.jsonl) as findings and the daily summary
# (JSON Lines), as OCSF for the SIEM, as the Art. 36(7) daily report (HTML in
# Traditional Chinese, and JSON), and recorded as evidence for the web trading
# system (ET-35.1, 36.5–36.7, 37.2); the back office's CSV export of staff
# logins through its column mapping.
# Usage: scan-authlog.sh ETGUARD WORKSPACE OUT_DIR
set -euo pipefail
etguard=$1
ws=$2
out=$3
logs=$(dirname "$0")/logs
day=("$logs/auth-events.jsonl" --accounts "$logs/accounts.jsonl")
analyse() {  # exit 1 means findings, which this day has; 2 is an error
  local rc=0
  "$etguard" "$@" || rc=$?
  ((rc <= 1)) || { echo "scan-authlog: etguard $* failed (exit $rc)" >&2; exit "$rc"; }
}
analyse scan authlog "${day[@]}" --mask-identifiers > "$out/authlog-findings.jsonl"
analyse scan authlog "${day[@]}" --format ocsf --mask-identifiers > "$out/authlog.ocsf.jsonl"
analyse --lang zh-TW scan authlog "${day[@]}" --report "$out/authlog-report.html" \
  --report-json "$out/authlog-report.json" > /dev/null
analyse --workspace "$ws" scan authlog "${day[@]}" --import --object trading/web-trading > /dev/null
analyse scan authlog "$logs/backoffice-logins.csv" --csv-map "$logs/backoffice-map.yaml" \
  > "$out/authlog-backoffice.jsonl"
echo "  auth-log analysis: $(($(wc -l < "$out/authlog-findings.jsonl") - 1)) findings in $out/authlog-findings.jsonl;" \
  "daily report $out/authlog-report.html; back office: $(($(wc -l < "$out/authlog-backoffice.jsonl") - 1)) findings"
