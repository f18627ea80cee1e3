#!/usr/bin/env bash
# etguard scan app beside androguard (Debian's 3.4), the peer issue 20 names,
# on the same 50 generated packages (bench/gen-apks.py, seed 1: about 100 KB
# to 50 MB, each with its own manifest, two DEX files and v1+v2+v3
# signatures):
#   agreement  package, versions, SDK levels, debuggable, allowBackup, every
#              permission, the signers' SHA-256 and the DEX string count must be
#              equal for every package (etguard's JSON Lines evidence against
#              androguard's APK and DalvikVMFormat)
#   speed      etguard: the full audit (every check, the PII scan of the
#              strings, the package's SHA-256), all 50 in one process
#              (`scan app *.apk`, one package per core) and, for the record,
#              one process per package as a pipeline running it per build
#              would; androguard: the same reading in one Python process for
#              all 50 (its best case). Medians of three, alternating.
#   memory     peak RSS of each on one 200 MB package.
# usage: bench/run-mobile.sh [ETGUARD_BINARY] [DIR]
set -euo pipefail
etguard=$(realpath "${1:-build/bin/etguard}")
dir=${2:-/tmp/etguard-mobile-bench}
here=$(dirname "$(realpath "$0")")
py=/usr/bin/python3
mkdir -p "$dir/apks" "$dir/big" "$dir/out"
if [[ ! -f $dir/apks/bench-49.apk ]]; then
  echo "run-mobile: generating 50 packages in $dir/apks"
  "$py" "$here/gen-apks.py" "$dir/apks" --count 50 --max-mb 50 --seed 1
fi
if [[ ! -f $dir/big/bench-99.apk ]]; then
  echo "run-mobile: generating the 200 MB package in $dir/big"
  "$py" "$here/gen-apks.py" "$dir/big" --only-mb 200 --seed 2
fi
apks=("$dir"/apks/bench-*.apk)
printf '%s packages, %s bytes in all (largest %s); %s cores\n\n' "${#apks[@]}" \
  "$(cat "${apks[@]}" | wc -c)" "$(stat -c %s "${apks[-1]}")" "$(nproc)"

audit_each() {
  for apk in "${apks[@]}"; do
    "$etguard" scan app "$apk" --format jsonl >"$dir/out/$(basename "$apk").jsonl" 2>/dev/null || true
  done
}
audit_etguard() { "$etguard" scan app "${apks[@]}" --format jsonl >"$dir/all.jsonl" 2>/dev/null || true; }
audit_single() { "$etguard" scan app "${apks[@]}" --format jsonl --jobs 1 >/dev/null 2>&1 || true; }
audit_peer() { "$py" "$here/mobile-peer.py" "${apks[@]}" >"$dir/peer.jsonl"; }

# Agreement first (also warms the page cache for both).
audit_each
audit_peer
"$py" "$here/mobile-facts.py" "$dir"/out/*.jsonl >"$dir/etguard.jsonl"
"$py" - "$dir/etguard.jsonl" "$dir/peer.jsonl" <<'PY'
import json, os, sys
ours = {os.path.basename(r["file"]): r for r in map(json.loads, open(sys.argv[1]))}
theirs = {os.path.basename(r["file"]): r for r in map(json.loads, open(sys.argv[2]))}
agree = 0
for name in sorted(theirs):
    a, b = dict(ours.get(name, {})), dict(theirs[name])
    a.pop("file", None); b.pop("file", None)
    if a == b:
        agree += 1
    else:
        diff = {k: (a.get(k), b.get(k)) for k in b if a.get(k) != b.get(k)}
        print(f"  {name}: differ: {diff}")
print(f"agreement: {agree} of {len(theirs)} packages equal on every fact "
      f"({sum(len(r['permissions']) for r in theirs.values())} permissions, "
      f"{sum(r['dex_strings'] for r in theirs.values())} DEX strings)")
PY

now() { date +%s.%N; }
timed() { local s; s=$(now); "$@"; echo "$(now) - $s" | bc; }
e_runs=() s_runs=() x_runs=() p_runs=() ratios=() single_ratios=()
for _ in 1 2 3; do
  e=$(timed audit_etguard) p=$(timed audit_peer) one=$(timed audit_single) each=$(timed audit_each)
  e_runs+=("$e") p_runs+=("$p") s_runs+=("$one") x_runs+=("$each")
  ratios+=("$(echo "$p / $e" | bc -l)") single_ratios+=("$(echo "$p / $one" | bc -l)")
done
middle() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
printf '\n%-66s %8.2f s\n' "etguard scan app *.apk (one process, one package per core)" "$(middle "${e_runs[@]}")"
printf '%-66s %8.2f s\n' "etguard scan app *.apk --jobs 1 (one core)" "$(middle "${s_runs[@]}")"
printf '%-66s %8.2f s\n' "etguard scan app, one process per package" "$(middle "${x_runs[@]}")"
printf '%-66s %8.2f s\n' "androguard, the same 50 (one process, one core)" "$(middle "${p_runs[@]}")"
printf '%-66s %8.1fx (pairs: %s)\n' "androguard / etguard (all cores)" "$(middle "${ratios[@]}")" \
  "$(printf '%.1f ' "${ratios[@]}")"
printf '%-66s %8.1fx (pairs: %s)\n' "androguard / etguard --jobs 1 (one core each)" "$(middle "${single_ratios[@]}")" \
  "$(printf '%.1f ' "${single_ratios[@]}")"

big=$dir/big/bench-99.apk
/usr/bin/time -o "$dir/time" -f '%e %M' "$etguard" scan app "$big" --format jsonl >/dev/null 2>&1 || true
read -r e_s e_kb < <(tail -1 "$dir/time")
/usr/bin/time -o "$dir/time" -f '%e %M' "$py" "$here/mobile-peer.py" "$big" >/dev/null 2>&1 || true
read -r p_s p_kb < <(tail -1 "$dir/time")
printf '\n%s: %s bytes\n' "$big" "$(stat -c %s "$big")"
printf '  etguard     %6.2f s, peak RSS %6d MB\n' "$e_s" $((e_kb / 1024))
printf '  androguard  %6.2f s, peak RSS %6d MB\n' "$p_s" $((p_kb / 1024))
