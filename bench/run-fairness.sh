#!/usr/bin/env bash
# etguard scan ai-fairness against its peer, pandas + scikit-learn
# (bench/fairness-peer.py), side by side in one run on the same generated
# decision log (bench/gen-decisions.py, seed 1, F's positive decisions kept at
# 70 %): groups gender,age_band (and their intersection), label y, decision
# yhat, score p.
#   1. every metric of every group and grouping must agree to 1e-9
#      (bench/fairness-compare.py), or the run fails;
#   2. wall time and peak RSS: the peer (read_csv + groupby + sklearn), etguard
#      without intervals (the same work) on 2 threads and on 1, and etguard
#      with its default 1000 bootstrap replicates. Times are medians of three.
# usage: bench/run-fairness.sh [ETGUARD_BINARY] [ROWS] [DIR]
set -euo pipefail
etguard=$(realpath "${1:-build/bin/etguard}")
rows=${2:-10000000}
dir=${3:-/tmp/etguard-fairness-bench}
here=$(dirname "$(realpath "$0")")
py=/usr/bin/python3  # Debian's, where python3-pandas and python3-sklearn live
mkdir -p "$dir"
log=$dir/decisions-$rows.csv
if [[ ! -f $log ]]; then
  echo "run-fairness: generating $rows decisions in $log"
  "$py" "$here/gen-decisions.py" "$rows" "$log" --seed 1 --bias F=0.7
fi
printf 'log %s: %s decisions, %s bytes; %s cores\n\n' "$log" "$rows" "$(stat -c %s "$log")" "$(nproc)"
printf 'min_group_size: 30\nbootstrap: 0\n' > "$dir/no-intervals.yaml"
args=(--group gender,age_band --label y --pred yhat --score p)

# Runs a command three times; prints "median_seconds peak_rss_kib".
measure() {
  local runs=() rss=0
  for _ in 1 2 3; do
    local out
    /usr/bin/time -o "$dir/time" -f '%e %M' "$@" >/dev/null 2>&1 || true
    out=$(tail -1 "$dir/time")
    runs+=("${out% *}")
    rss=$(( ${out#* } > rss ? ${out#* } : rss ))
  done
  echo "$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p) $rss"
}

"$etguard" scan ai-fairness "$log" "${args[@]}" --policy "$dir/no-intervals.yaml" --json \
  > "$dir/etguard.json" || [[ $? == 1 ]]
"$py" "$here/fairness-peer.py" "$log" --group gender,age_band --score p > "$dir/peer.json"
"$py" "$here/fairness-compare.py" "$dir/etguard.json" "$dir/peer.json"
echo

read -r peer_s peer_kb < <(measure "$py" "$here/fairness-peer.py" "$log" --group gender,age_band --score p)
read -r two_s two_kb < <(measure "$etguard" scan ai-fairness "$log" "${args[@]}" --policy "$dir/no-intervals.yaml" --jobs 2 --format json)
read -r one_s one_kb < <(measure "$etguard" scan ai-fairness "$log" "${args[@]}" --policy "$dir/no-intervals.yaml" --jobs 1 --format json)
read -r boot_s boot_kb < <(measure "$etguard" scan ai-fairness "$log" "${args[@]}" --jobs 2 --format json)
row() { printf '%-52s %8.2f s %9.1f MiB %8.1fx\n' "$1" "$2" "$(echo "$3 / 1024" | bc -l)" "$(echo "$peer_s / $2" | bc -l)"; }
printf '%-52s %10s %13s %9s\n' "" "wall" "peak RSS" "vs peer"
row "pandas + scikit-learn (peer)" "$peer_s" "$peer_kb"
row "etguard, no intervals, 2 threads" "$two_s" "$two_kb"
row "etguard, no intervals, 1 thread" "$one_s" "$one_kb"
row "etguard, 1000 bootstrap replicates, 2 threads" "$boot_s" "$boot_kb"
