#!/usr/bin/env bash
# A firm with ENTRIES register entries (default 121,000: the size of the
# hostile-input campaign's year of registers): the registers YAML import and
# `etguard status`, each timed with its peak resident memory, as a user runs
# them. Issue 15.22 asks that both stay proportionate to the firm.
#   bench/run-large-firm.sh BUILD_BIN_DIR [ENTRIES]
set -euo pipefail
bin=${1:?usage: run-large-firm.sh BUILD_BIN_DIR [ENTRIES]}
entries=${2:-121000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 "$(dirname "$0")/gen-registers.py" "$entries" > "$dir/registers.yaml"
"$bin/etguard" init "$dir/ws" >/dev/null
measure() {
  local label=$1
  shift
  /usr/bin/time -f "$label %e s, peak %M KiB" "$@" >/dev/null
}
echo "entries: $entries; registers YAML: $(stat -c %s "$dir/registers.yaml") bytes"
measure "registers import:" "$bin/etguard" --workspace "$dir/ws" registers import "$dir/registers.yaml"
measure "status:          " "$bin/etguard" --workspace "$dir/ws" status
echo "applicable pairs: $("$bin/etguard" --workspace "$dir/ws" status --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')"
