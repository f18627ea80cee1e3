#!/usr/bin/env bash
# Scoping and the HTML report for a firm with ENTRIES register entries
# (default 5,000, spread over cloud services, apps, IoT devices and AI
# systems), timed end to end as a user runs them.
#   bench/run-scope-report.sh BUILD_BIN_DIR [ENTRIES]
set -euo pipefail
bin=${1:?usage: run-scope-report.sh BUILD_BIN_DIR [ENTRIES]}
entries=${2:-5000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 "$(dirname "$0")/gen-registers.py" "$entries" > "$dir/registers.yaml"
"$bin/etguard" init "$dir/ws" >/dev/null
"$bin/etguard" --workspace "$dir/ws" registers import "$dir/registers.yaml" >/dev/null
measure() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.3f} s')"
}
echo "entries: $entries"
echo -n "etguard scope (statement of applicability): "; measure "$bin/etguard" --workspace "$dir/ws" scope
echo -n "etguard report --format html:                "; measure "$bin/etguard" --workspace "$dir/ws" report --format html --out "$dir/report.html"
echo "report size: $(stat -c %s "$dir/report.html") bytes"
