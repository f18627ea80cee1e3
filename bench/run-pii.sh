#!/usr/bin/env bash
# The PII scanner against its peer, side by side in one run on the same file
# (warm cache, median of RUNS):
#   cat > /dev/null                      the memory-bandwidth ceiling
#   rg -c <combined regex>               the yardstick's regex-only baseline
#                                        (../shared/bench/pii/rg_baseline.py)
#   etguard scan pii --jobs 1 / 2 / nproc  validation and context on; counts by
#                                        type (like rg -c) and every finding as JSONL
# usage: bench/run-pii.sh [ETGUARD_BINARY] [FILE]
#   FILE defaults to /tmp/etguard-pii-1g/big.log, generated with the yardstick
#   (seed 7, 1000 MB) when missing. RUNS=3 by default.
set -euo pipefail
etguard=$(realpath "${1:-build/bin/etguard}")
file=${2:-/tmp/etguard-pii-1g/big.log}
shared=${SHARED:-../shared}/bench/pii
runs=${RUNS:-3}
[[ -f $shared/gen_corpus.py ]] || { echo "run-pii: $shared/gen_corpus.py not found" >&2; exit 2; }
if [[ ! -f $file ]]; then
  echo "run-pii: generating $file (1000 MB, about 2 minutes)"
  python3 "$shared/gen_corpus.py" --seed 7 --size-mb 1000 --single-file "$(basename "$file")" \
    --no-truth --out-dir "$(dirname "$file")" >/dev/null
fi
size=$(stat -L -c %s "$file")
pattern=$(python3 "$shared/rg_baseline.py" --print-combined)

# median wall seconds of a command over $runs runs (after one warm-up run)
median() {
  local times=()
  bash -c "$1" >/dev/null 2>&1 || true
  for ((i = 0; i < runs; i++)); do
    local start end
    start=$(date +%s.%N)
    bash -c "$1" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}
mbps() { echo "scale=1; $size / 1000000 / $1" | bc; }

printf 'file %s: %s bytes, %s runs each, %s cores\n\n' "$file" "$size" "$runs" "$(nproc)"
printf '%-46s %9s %10s %8s\n' "command" "seconds" "MB/s" "vs rg"
cat_s=$(median "cat '$file' > /dev/null")
rg_s=$(median "rg --no-config -c '$pattern' '$file'")
row() { printf '%-46s %9.3f %10s %7.2fx\n' "$1" "$2" "$(mbps "$2")" "$(echo "scale=3; $rg_s / $2" | bc)"; }
row "cat > /dev/null (ceiling)" "$cat_s"
row "rg -c <combined regex> (peer)" "$rg_s"
# Counts only, as rg -c does (the bilingual summary table), and every finding as JSON Lines.
for jobs in $(printf "%s\n" 1 2 "$(nproc)" | sort -un); do
  s=$(median "'$etguard' scan pii '$file' --jobs $jobs > /dev/null")
  row "etguard scan pii --jobs $jobs (counts)" "$s"
  s=$(median "'$etguard' scan pii '$file' --jobs $jobs --format jsonl > /dev/null")
  row "etguard scan pii --jobs $jobs --format jsonl" "$s"
done
rss=$( { /usr/bin/time -f "%M" "$etguard" scan pii "$file" --jobs 1 --format jsonl > /dev/null; } 2>&1 | tail -1 || true)
printf '\netguard peak RSS on the whole file (--jobs 1): %s MB\n' "$((rss / 1024))"
findings=$("$etguard" scan pii "$file" --format jsonl | wc -l || true)
printf 'etguard findings: %s\n' "$findings"
