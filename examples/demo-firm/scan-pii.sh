#!/usr/bin/env bash
# The PII scanner on two sample logs of the demo firm (an SMS gateway and an
# order audit trail, every value invented): findings as JSON Lines, a masked
# copy of each log, and the result recorded as evidence for the cloud log
# platform (ET-8.3.5) in the demo workspace.
# Usage: scan-pii.sh ETGUARD WORKSPACE OUT_DIR
set -euo pipefail
etguard=$1
ws=$2
out=$3
logs=$(dirname "$0")/logs
"$etguard" scan pii "$logs" --format jsonl --summary "$out/pii-summary.json" > "$out/pii-findings.jsonl" || true
"$etguard" scan pii "$logs" --mask "$out/masked-logs" > /dev/null || true
"$etguard" --workspace "$ws" scan pii "$logs" --import --object cloud/trading-dr > /dev/null || true
echo "  PII scan: $(wc -l < "$out/pii-findings.jsonl") findings in $out/pii-findings.jsonl, masked copies in $out/masked-logs/"
