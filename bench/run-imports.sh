#!/usr/bin/env bash
# Issue 14's import yardsticks, as a user runs them: `registers import` of
# ENTRIES register entries (default 10,000) into a new workspace, then
# `answers import` of ROWS answered rows (default 10,000) of the answers
# sheet that workspace exports — both YAML and XLSX — each timed with its
# peak resident memory. Each must stay under 1 s on the project's machine.
#   bench/run-imports.sh BUILD_BIN_DIR [ENTRIES] [ROWS]
set -euo pipefail
bin=${1:?usage: run-imports.sh BUILD_BIN_DIR [ENTRIES] [ROWS]}
entries=${2:-10000}
rows=${3:-10000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export ETGUARD_ACTOR=bench
python3 "$(dirname "$0")/gen-registers.py" "$entries" > "$dir/registers.yaml"
etguard=("$bin/etguard" --workspace "$dir/ws")
"$bin/etguard" init "$dir/ws" >/dev/null
measure() {
  local label=$1
  shift
  /usr/bin/time -f "$label %e s, peak %M KiB" "$@" >/dev/null
}
echo "registers: $entries entries ($(stat -c %s "$dir/registers.yaml") bytes of YAML)"
measure "registers import:     " "${etguard[@]}" registers import "$dir/registers.yaml"
"${etguard[@]}" answers export > "$dir/answers.yaml"
# The first ROWS answers filled in, as a team would.
python3 - "$dir/answers.yaml" "$rows" <<'PY'
import sys
path, wanted = sys.argv[1], int(sys.argv[2])
out, filled, answers = [], 0, 0
for line in open(path, encoding="utf-8"):
    if line.startswith("  - requirement:"):
        answers += 1
        if answers > wanted:
            break  # a sheet of ROWS rows, every one answered
    if line.startswith('    status: ""') and filled < wanted:
        line, filled = "    status: compliant\n", filled + 1
    elif line.startswith('    assessed_on: ""') and filled <= wanted and filled > 0:
        line = "    assessed_on: 2026-11-20\n"
    out.append(line)
open(path, "w", encoding="utf-8").writelines(out)
print(f"answers: a sheet of {filled} rows, every one answered")
PY
measure "answers import (YAML):" "${etguard[@]}" answers import "$dir/answers.yaml"
# The whole exported sheet as XLSX (every applicable pair of the firm; the
# 10,000 answered rows now unchanged).
"${etguard[@]}" answers export --format xlsx --out "$dir/answers.xlsx" >/dev/null
echo "whole sheet: $("${etguard[@]}" status --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))') rows"
measure "answers import (whole XLSX sheet):" "${etguard[@]}" answers import "$dir/answers.xlsx"
