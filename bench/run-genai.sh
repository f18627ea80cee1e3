#!/usr/bin/env bash
# etguard scan genai-log beside etguard scan pii on the same bytes: a
# generated AI gateway log (bench/gen-genai-log.py, seed 1, 2 % of prompts
# with a planted value), both writing every finding as JSON Lines.
#   1. precision and recall of the prompt-log scan against the planted truth
#      (bench/genai-score.py);
#   2. wall time, MB/s and peak RSS of both scans on 1 thread and on 2
#      (medians of three, the two scans alternating).
# The PII scanner reads the whole file as text; genai-log parses each record,
# decodes the texts the request gives the model and scans only those (with
# the genai rules' extra detectors), and names user, department and model.
# usage: bench/run-genai.sh [ETGUARD_BINARY] [RECORDS] [DIR]
set -euo pipefail
etguard=$(realpath "${1:-build/bin/etguard}")
records=${2:-300000}
dir=${3:-/tmp/etguard-genai-bench}
here=$(dirname "$(realpath "$0")")
mkdir -p "$dir"
log=$dir/gateway-$records.jsonl
if [[ ! -f $log ]]; then
  echo "run-genai: generating $records records in $log"
  python3 "$here/gen-genai-log.py" --records "$records" --out "$log" --truth "$log.truth" --seed 1
fi
bytes=$(stat -c %s "$log")
printf 'log %s: %s records, %s bytes; %s cores\n\n' "$log" "$records" "$bytes" "$(nproc)"

"$etguard" scan genai-log "$log" --format jsonl --summary "$dir/summary.json" > "$dir/findings.jsonl" || true
python3 "$here/genai-score.py" "$log.truth" "$dir/findings.jsonl"
python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print(f\"\\nprompt text scanned: {s['prompt_bytes']} of {s['bytes']} bytes\")" "$dir/summary.json"
echo

once() { /usr/bin/time -o "$dir/time" -f '%e %M' "$@" >/dev/null 2>&1 || true; tail -1 "$dir/time"; }
for jobs in 1 2; do
  pii=() genai=() pii_rss=0 genai_rss=0
  for _ in 1 2 3; do
    read -r s m < <(once "$etguard" scan pii "$log" --format jsonl --jobs "$jobs")
    pii+=("$s"); pii_rss=$((m > pii_rss ? m : pii_rss))
    read -r s m < <(once "$etguard" scan genai-log "$log" --format jsonl --jobs "$jobs")
    genai+=("$s"); genai_rss=$((m > genai_rss ? m : genai_rss))
  done
  median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
  p=$(median "${pii[@]}") g=$(median "${genai[@]}")
  printf '%d thread(s): scan pii %6.2f s %7.1f MB/s %5d MB RSS | scan genai-log %6.2f s %7.1f MB/s %5d MB RSS | genai-log / pii time %.2f\n' \
    "$jobs" "$p" "$(echo "$bytes / 1000000 / $p" | bc -l)" "$((pii_rss / 1024))" \
    "$g" "$(echo "$bytes / 1000000 / $g" | bc -l)" "$((genai_rss / 1024))" "$(echo "$g / $p" | bc -l)"
done
