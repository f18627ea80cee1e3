#!/usr/bin/env bash
# The authentication-log analyzer against its peers, side by side in one run
# on the same generated day (../shared/bench/authlog, seed 1, 1M events):
#   etguard scan authlog (every rule on)   uncompressed JSONL, and gzip vs zcat alone
#   jq, only a per-account failure count   the same JSONL
#   etguard on the syslog rendering (auth.log) and
#   fail2ban-regex, stock sshd filter      the same auth.log (skipped when not installed:
#                                          apt-get install fail2ban; it is a daemon, so the
#                                          project's script does not install it)
# Times are medians of three runs (one run for fail2ban-regex; five for
# etguard and jq, which alternate, their ratio the median of the pairs'); one
# thread throughout, so events/s is per core. Then bytes per idle account and
# per tracked key (bench/authlog-memory.sh).
# usage: bench/run-authlog.sh [ETGUARD_BINARY] [DAY_DIR]
set -euo pipefail
etguard=$(realpath "${1:-build/bin/etguard}")
day=${2:-/tmp/etguard-authlog-dev}
shared=${SHARED:-../shared}/bench/authlog
if [[ ! -f $day/events.jsonl.gz ]]; then
  [[ -f $shared/gen_events.py ]] || { echo "run-authlog: $shared/gen_events.py not found" >&2; exit 2; }
  echo "run-authlog: generating the dev day in $day (about 80 s)"
  python3 "$shared/gen_events.py" --seed 1 --events 1000000 --out-dir "$day" >/dev/null
fi
[[ -f $day/events.jsonl ]] || zcat "$day/events.jsonl.gz" > "$day/events.jsonl"
[[ -f $day/accounts.jsonl ]] || zcat "$day/accounts.jsonl.gz" > "$day/accounts.jsonl"
events=$(wc -l < "$day/events.jsonl")
now() { date +%s.%N; }
once() { local start; start=$(now); bash -c "$1" >/dev/null 2>&1 || true; echo "$(now) - $start" | bc; }
# The median of three runs (one for the slow peers: runs=1).
seconds() {
  local runs=${2:-3} times=()
  for ((i = 0; i < runs; i++)); do times+=("$(once "$1")"); done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}

printf 'day %s: %s events, %s bytes uncompressed\n\n' "$day" "$events" "$(stat -c %s "$day/events.jsonl")"
# The snapshot alone: the accounts and the day's first event (an input with
# no event at all is refused).
head -n 1 "$day/events.jsonl" > "$day/first-event.jsonl"
accounts_s=$(seconds "'$etguard' scan authlog '$day/first-event.jsonl' --accounts '$day/accounts.jsonl'")
# etguard and jq alternate, five pairs: this VM changes speed by up to 1.6x
# from minute to minute, and a ratio of runs minutes apart measures that too.
# The ratio is the median of the five pairs' ratios.
etguard_cmd="'$etguard' scan authlog '$day/events.jsonl' --accounts '$day/accounts.jsonl'"
jq_cmd="jq -n 'reduce (inputs | select(.event.action == \"login\" and .event.outcome == \"failure\") | .user.name) as \$u ({}; .[\$u] += 1)' '$day/events.jsonl'"
etguard_runs=() jq_runs=() ratios=()
for ((pair = 0; pair < 5; pair++)); do
  e=$(once "$etguard_cmd") j=$(once "$jq_cmd")
  etguard_runs+=("$e") jq_runs+=("$j") ratios+=("$(echo "$j / $e" | bc -l)")
done
middle() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
etguard_s=$(middle "${etguard_runs[@]}") jq_s=$(middle "${jq_runs[@]}") ratio=$(middle "${ratios[@]}")
gz_s=$(seconds "'$etguard' scan authlog '$day/events.jsonl.gz' --accounts '$day/accounts.jsonl'")
zcat_s=$(seconds "zcat '$day/events.jsonl.gz'")
ocsf_s=$(seconds "'$etguard' scan authlog '$day/events.jsonl' --accounts '$day/accounts.jsonl' --format ocsf")
report_s=$(seconds "'$etguard' scan authlog '$day/events.jsonl' --accounts '$day/accounts.jsonl' --report /dev/null --report-json /dev/null")
rate() { echo "scale=0; $events / $1" | bc; }
events_s=$(echo "$etguard_s - $accounts_s" | bc)
printf '%-58s %8.3f s %10s events/s\n' "etguard scan authlog, JSONL (every rule, with snapshot)" "$etguard_s" "$(rate "$etguard_s")"
printf '%-58s %8.3f s\n' "  of which loading the account snapshot" "$accounts_s"
printf '%-58s %8.3f s %10s events/s\n' "  events alone" "$events_s" "$(rate "$events_s")"
printf '%-58s %8.3f s %10s events/s  (%.1fx slower than etguard: median of the pairs %s)\n' "jq, per-account failure count only" "$jq_s" "$(rate "$jq_s")" "$ratio" "$(printf '%.1f ' "${ratios[@]}")"
printf '%-58s %8.3f s %10s events/s\n' "etguard, --format ocsf (3002 per login/logout, 2004s)" "$ocsf_s" "$(rate "$ocsf_s")"
printf '%-58s %8.3f s\n' "etguard, with the HTML and JSON daily reports" "$report_s"
printf '%-58s %8.3f s\n' "etguard scan authlog, gzip" "$gz_s"
printf '%-58s %8.3f s\n' "zcat alone" "$zcat_s"
lines=$(zcat "$day/auth.log.gz" | wc -l)
[[ -f $day/auth.log ]] || zcat "$day/auth.log.gz" > "$day/auth.log"
syslog_s=$(seconds "'$etguard' scan authlog '$day/auth.log'")
printf '%-58s %8.3f s %10s lines/s\n' "etguard scan authlog, auth.log ($lines sshd lines)" "$syslog_s" "$(echo "scale=0; $lines / $syslog_s" | bc)"
if command -v fail2ban-regex >/dev/null; then
  f2b_s=$(seconds "fail2ban-regex '$day/auth.log' /etc/fail2ban/filter.d/sshd.conf" 1)
  printf '%-58s %8.3f s %10s lines/s  (%.1fx slower than etguard)\n' "fail2ban-regex, stock sshd filter, same auth.log" "$f2b_s" "$(echo "scale=0; $lines / $f2b_s" | bc)" "$(echo "$f2b_s / $syslog_s" | bc -l)"
else
  echo "fail2ban-regex: not installed (apt-get install fail2ban), skipped"
fi
rss=$( { /usr/bin/time -f "%M" "$etguard" scan authlog "$day/events.jsonl" --accounts "$day/accounts.jsonl" > /dev/null; } 2>&1 | tail -1 || true)
printf '\netguard peak RSS on the day (snapshot and events): %s MB\n' "$((rss / 1024))"
"$(dirname "$0")/authlog-memory.sh" "$etguard"
