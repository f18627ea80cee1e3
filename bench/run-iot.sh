#!/usr/bin/env bash
# etguard scan iot on a generated 100,000-host nmap XML (bench/gen-nmap.py,
# seed 1) reconciled against a 100,000-entry IoT register, beside
# `xmllint --stream` reading the same file (the floor: a streaming XML read
# with nothing done). Wall time and peak RSS, medians of three, alternating.
# usage: bench/run-iot.sh [ETGUARD_BINARY] [HOSTS] [DIR]
set -euo pipefail
etguard=$(realpath "${1:-build/bin/etguard}")
hosts=${2:-100000}
dir=${3:-/tmp/etguard-iot-bench}
here=$(dirname "$(realpath "$0")")
mkdir -p "$dir"
xml=$dir/scan-$hosts.xml
registers=$dir/registers-$hosts.yaml
if [[ ! -f $xml ]]; then
  echo "run-iot: generating $hosts hosts in $xml"
  python3 "$here/gen-nmap.py" --hosts "$hosts" --xml "$xml" --registers "$registers" --seed 1
fi
ws=$dir/ws-$hosts
if [[ ! -d $ws ]]; then
  "$etguard" init "$ws" >/dev/null
  "$etguard" --workspace "$ws" registers import "$registers" >/dev/null
fi
printf 'scan %s: %s hosts, %s bytes; register %s entries; %s cores\n\n' "$xml" "$hosts" \
  "$(stat -c %s "$xml")" "$(grep -c '^    - id:' "$registers")" "$(nproc)"
{ "$etguard" --workspace "$ws" scan iot "$xml" || true; } | head -1

once() { /usr/bin/time -o "$dir/time" -f '%e %M' "$@" >/dev/null 2>&1 || true; tail -1 "$dir/time"; }
table=() jsonl=() floor=() table_rss=0 jsonl_rss=0 floor_rss=0
for _ in 1 2 3; do
  read -r s m < <(once "$etguard" --workspace "$ws" scan iot "$xml")
  table+=("$s"); table_rss=$((m > table_rss ? m : table_rss))
  read -r s m < <(once "$etguard" --workspace "$ws" scan iot "$xml" --format jsonl)
  jsonl+=("$s"); jsonl_rss=$((m > jsonl_rss ? m : jsonl_rss))
  read -r s m < <(once xmllint --stream --noout "$xml")
  floor+=("$s"); floor_rss=$((m > floor_rss ? m : floor_rss))
done
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
t=$(median "${table[@]}") j=$(median "${jsonl[@]}") f=$(median "${floor[@]}")
printf '%-48s %8s s  peak RSS %6d MB\n' "etguard scan iot, table" "$t" $((table_rss / 1024))
printf '%-48s %8s s  peak RSS %6d MB\n' "etguard scan iot --format jsonl (every finding)" "$j" $((jsonl_rss / 1024))
printf '%-48s %8s s  peak RSS %6d MB\n' "xmllint --stream --noout (read only)" "$f" $((floor_rss / 1024))
printf 'etguard (table) / xmllint wall time: %.2f\n' "$(echo "$t / $f" | bc -l)"
