#!/usr/bin/env bash
# etguard scan cloud beside jq (Debian's 1.6), the peer issue 22 names, on
# one generated Prowler OCSF file of about 1 GB (gen-prowler-ocsf.py, seed 1:
# Prowler's own layout, about 390,000 Detection Findings over 951 published
# check ids, five accounts, eight regions):
#   etguard  every finding read, mapped and judged: the full
#            `scan cloud --import-findings FILE --format jsonl` against a
#            workspace whose cloud register places three of the accounts
#   jq       only the grouping by check id:
#            group_by(.metadata.event_code) | map({key, value: length})
#   agree    the findings etguard counts equal the sum of jq's groups
#   memory   peak RSS of each (etguard reads in blocks: bounded)
# Medians of three, alternating. usage: bench/run-cloud.sh [ETGUARD] [DIR]
set -euo pipefail
etguard=$(realpath "${1:-build/bin/etguard}")
dir=${2:-/tmp/etguard-cloud-bench}
here=$(dirname "$(realpath "$0")")
mkdir -p "$dir"
file=$dir/prowler-1g.ocsf.json
if [[ ! -f $file ]]; then
  echo "run-cloud: generating $file"
  /usr/bin/python3 "$here/gen-prowler-ocsf.py" "$file" --mb 1024 --seed 1 >/dev/null
fi
ws=$dir/ws
rm -rf "$ws"  # made afresh: the register's keys are this version's
"$etguard" init "$ws" >/dev/null
e() { "$etguard" --workspace "$ws" "$@" >/dev/null; }
e registers import "$here/../examples/demo-firm/registers.yaml"
e registers set cloud/trading-dr --detail cloud_accounts=111122223333 --detail regions=ap-east-2,ap-northeast-1
e registers set cloud/crm-saas --detail cloud_accounts=444455556666
e registers set cloud/dev-paas --detail cloud_accounts=777788889999
printf '%s: %s bytes; %s cores\n\n' "$file" "$(stat -c %s "$file")" "$(nproc)"

jq_program='group_by(.metadata.event_code) | map({key: .[0].metadata.event_code, value: length}) | from_entries'
run_etguard() {
  /usr/bin/time -o "$dir/time" -f '%e %M' "$etguard" --workspace "$ws" scan cloud \
    --import-findings "$file" --format jsonl >"$dir/etguard.jsonl" 2>/dev/null || true
  tail -1 "$dir/time"
}
run_jq() {
  /usr/bin/time -o "$dir/time" -f '%e %M' jq "$jq_program" "$file" >"$dir/jq.json"
  tail -1 "$dir/time"
}

"$etguard" --workspace "$ws" --lang en scan cloud --import-findings "$file" >"$dir/table.txt" 2>&1 || true
run_etguard >/dev/null
run_jq >/dev/null
ours=$(sed -n 's/^\([0-9]*\) findings; .*/\1/p' "$dir/table.txt")
theirs=$(/usr/bin/python3 -c 'import json,sys; print(sum(json.load(open(sys.argv[1])).values()))' "$dir/jq.json")
checks=$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$dir/jq.json")
[[ $ours == "$theirs" ]] || {
  echo "disagree: etguard counts '$ours' findings, jq $theirs; etguard said:" >&2
  head -5 "$dir/table.txt" >&2
  exit 1
}
echo "agreement: both count $ours findings ($checks check ids); etguard judged $(wc -l <"$dir/etguard.jsonl") service topics"

e_runs=() p_runs=() e_mem=() p_mem=() ratios=()
# A pause before each run: jq's 5 GB heap is still being returned to the
# kernel when it exits, which slowed the run after it by a third.
for _ in 1 2 3; do
  sleep 3
  read -r e e_kb < <(run_etguard)
  sleep 3
  read -r p p_kb < <(run_jq)
  e_runs+=("$e") p_runs+=("$p") e_mem+=("$e_kb") p_mem+=("$p_kb")
  ratios+=("$(echo "$p / $e" | bc -l)")
done
middle() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
mb=$(( $(stat -c %s "$file") / 1048576 ))
e_mid=$(middle "${e_runs[@]}") p_mid=$(middle "${p_runs[@]}")
printf '\n%-58s %7.2f s %7.0f MB/s  peak RSS %6d MB\n' "etguard scan cloud (read, map, judge, JSONL)" \
  "$e_mid" "$(echo "$mb / $e_mid" | bc -l)" $(( $(middle "${e_mem[@]}") / 1024 ))
printf '%-58s %7.2f s %7.0f MB/s  peak RSS %6d MB\n' "jq group_by(.metadata.event_code) only" \
  "$p_mid" "$(echo "$mb / $p_mid" | bc -l)" $(( $(middle "${p_mem[@]}") / 1024 ))
printf '%-58s %7.1fx (pairs: %s)\n' "jq / etguard" "$(middle "${ratios[@]}")" \
  "$(printf '%.1f ' "${ratios[@]}")"
