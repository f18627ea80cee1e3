#!/usr/bin/env bash
# The auth-log analyzer on a small invented day of the demo firm's web trading
# logins (examples/demo-firm/logs/auth-events.jsonl): findings and the daily
# summary as JSON Lines, the five authlog.* checks as OCSF, and their verdicts
# recorded as evidence for the web trading system (ET-35.1, 36.5–36.7, 37.2).
# Usage: scan-authlog.sh ETGUARD WORKSPACE OUT_DIR
set -euo pipefail
etguard=$1
ws=$2
out=$3
logs=$(dirname "$0")/logs
"$etguard" scan authlog "$logs/auth-events.jsonl" --accounts "$logs/accounts.jsonl" \
  > "$out/authlog-findings.jsonl" || true
"$etguard" scan authlog "$logs/auth-events.jsonl" --accounts "$logs/accounts.jsonl" --format ocsf \
  > "$out/authlog-checks.ocsf.jsonl" || true
"$etguard" --workspace "$ws" scan authlog "$logs/auth-events.jsonl" --accounts "$logs/accounts.jsonl" \
  --import --object trading/web-trading > /dev/null || true
echo "  auth-log analysis: $(($(wc -l < "$out/authlog-findings.jsonl") - 1)) findings in $out/authlog-findings.jsonl"
