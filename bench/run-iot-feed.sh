#!/usr/bin/env bash
# etguard scan iot --vulnerabilities: a year-sized NVD CVE API 2.0 feed
# (bench/gen-nvd-feed.py, 40,000 CVEs, about 107 MB) matched against a
# 100,000-entry IoT register whose entries record their firmware's CPE
# (bench/gen-nmap.py --cpe), beside the same scan without the feed and
# `jq '.vulnerabilities | length'` reading the feed (the peer: a JSON reader
# that only counts). Wall time and peak RSS, medians of three, alternating.
# usage: bench/run-iot-feed.sh [ETGUARD_BINARY] [HOSTS] [CVES] [DIR]
set -euo pipefail
etguard=$(realpath "${1:-build/bin/etguard}")
hosts=${2:-100000}
cves=${3:-40000}
dir=${4:-/tmp/etguard-iot-feed-bench}
here=$(dirname "$(realpath "$0")")
mkdir -p "$dir"
xml=$dir/scan-$hosts.xml
registers=$dir/registers-$hosts.yaml
feed=$dir/nvd-$cves.json
if [[ ! -f $xml ]]; then
  echo "run-iot-feed: generating $hosts hosts with their CPEs in $xml"
  python3 "$here/gen-nmap.py" --hosts "$hosts" --xml "$xml" --registers "$registers" --seed 1 --cpe
fi
if [[ ! -f $feed ]]; then
  echo "run-iot-feed: generating $cves CVEs in $feed"
  python3 "$here/gen-nvd-feed.py" --cves "$cves" --out "$feed" --seed 1
fi
ws=$dir/ws-$hosts
if [[ ! -d $ws ]]; then
  "$etguard" init "$ws" >/dev/null
  "$etguard" --workspace "$ws" registers import "$registers" >/dev/null
fi
printf 'scan %s: %s hosts; register %s entries with a CPE; feed %s: %s CVEs, %s bytes; %s cores\n\n' \
  "$xml" "$hosts" "$(grep -c '^    - id:' "$registers")" "$feed" "$cves" "$(stat -c %s "$feed")" "$(nproc)"
{ "$etguard" --workspace "$ws" --lang en scan iot "$xml" --vulnerabilities "$feed" || true; } | sed -n 1,2p

once() { /usr/bin/time -o "$dir/time" -f '%e %M' "$@" >/dev/null 2>&1 || true; tail -1 "$dir/time"; }
plain=() matched=() peer=() plain_rss=0 matched_rss=0 peer_rss=0
for _ in 1 2 3; do
  read -r s m < <(once "$etguard" --workspace "$ws" scan iot "$xml")
  plain+=("$s"); plain_rss=$((m > plain_rss ? m : plain_rss))
  read -r s m < <(once "$etguard" --workspace "$ws" scan iot "$xml" --vulnerabilities "$feed")
  matched+=("$s"); matched_rss=$((m > matched_rss ? m : matched_rss))
  read -r s m < <(once jq '.vulnerabilities | length' "$feed")
  peer+=("$s"); peer_rss=$((m > peer_rss ? m : peer_rss))
done
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
p=$(median "${plain[@]}") v=$(median "${matched[@]}") q=$(median "${peer[@]}")
printf '%-56s %8s s  peak RSS %6d MB\n' "etguard scan iot (no feed)" "$p" $((plain_rss / 1024))
printf '%-56s %8s s  peak RSS %6d MB\n' "etguard scan iot --vulnerabilities FEED" "$v" $((matched_rss / 1024))
printf '%-56s %8s s  peak RSS %6d MB\n' "jq '.vulnerabilities | length' FEED (read only)" "$q" $((peer_rss / 1024))
printf 'the feed'"'"'s cost (with - without) / jq: %.2f\n' "$(echo "($v - $p) / $q" | bc -l)"
