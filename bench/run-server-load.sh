#!/usr/bin/env bash
# etguard serve under a team's load and under a flood of logins (issue 18),
# on a workspace of ENTRIES register entries with every line answered:
#   mixed: USERS officers, each logged in from its own loopback address,
#     read the dashboard and the grid and change results on their own lines
#     for SECONDS, all at once; then nothing may be lost: every change the
#     server confirmed is in the ledger under its user, every line holds the
#     last value its user was told was kept, and `etguard ledger verify`
#     passes;
#   flood: 16 threads post logins (each a full Argon2id check) for SECONDS
#     while wrk reads /api/dashboard with 4 connections; the logins answered
#     per second and the dashboard's p99, beside its p99 without the flood.
# Loopback only (127.0.0.0/8); every address used is on this machine.
# usage: bench/run-server-load.sh [ETGUARD] [ENTRIES] [USERS] [SECONDS]
set -euo pipefail
etguard=$(realpath "${1:-build/bin/etguard}")
entries=${2:-5700}
users=${3:-50}
duration=${4:-60}
for tool in wrk python3 curl; do
  command -v "$tool" >/dev/null || { echo "run-server-load: $tool is not installed (scripts/install-deps)" >&2; exit 2; }
done
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
server=
cleanup() {
  [[ -n $server ]] && kill "$server" 2>/dev/null
  wait 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
e() { "$etguard" --workspace "$dir/ws" "$@"; }

echo "workspace: $entries register entries, every applicable line answered; $users officers"
"$here/answered-workspace.sh" "$etguard" "$dir" "$entries"
password='load test 2027 staple battery'
for i in $(seq 1 "$users"); do
  uri=$(printf '%s\n' "$password" | e --json user add "member$i" --role officer --display "Member $i" --password-file - |
    sed -n 's/.*"otpauth_uri": "\(.*\)".*/\1/p')
  secret=${uri#*secret=}
  printf 'member%s\t%s\t%s\t127.0.%s.%s\n' "$i" "$password" "${secret%%&*}" $((i / 200 + 1)) $((i % 200 + 1))
done >"$dir/users.tsv"

"$etguard" --workspace "$dir/ws" serve --listen 127.0.0.1:0 >"$dir/url" 2>"$dir/serve.err" &
server=$!
for _ in $(seq 100); do [[ -s $dir/url ]] && break; sleep 0.1; done
url=$(head -1 "$dir/url")
[[ $url == https://127.0.0.1:* ]] || { cat "$dir/serve.err" >&2; exit 1; }
head_before=$(e ledger export | grep -c '"kind":"entry"')

echo "mixed: $users users reading and writing for ${duration} s"
python3 "$here/server-load.py" mixed "$url" "$duration" "$dir/users.tsv" >"$dir/mixed.json"
kill "$server"; wait "$server" 2>/dev/null || true; server=
python3 - "$dir/mixed.json" <(e ledger export) "$head_before" <<'PY'
import json, sys, collections
run = json.load(open(sys.argv[1]))
entries = [json.loads(l) for l in open(sys.argv[2]) if '"kind":"entry"' in l]
new = entries[int(sys.argv[3]):]
recorded = collections.Counter(e["actor"] for e in new if e["action"] == "result.set")
lost = {u: (n, recorded.get(u, 0)) for u, n in run["confirmed"].items() if recorded.get(u, 0) != n}
print(f"  {sum(run['requests'].values())} requests in {run['seconds']} s: {run['per_second']} /s "
      f"({run['requests']['change']} changes)")
print(f"  p50 ms {run['p50_ms']}  p99 ms {run['p99_ms']}")
print(f"  answers other than 200: {run['unexpected_count']} {run['unexpected'][:3]}")
print(f"  changes confirmed {sum(run['confirmed'].values())}, in the ledger {sum(recorded.values())}; "
      f"users whose counts differ: {len(lost)} {dict(list(lost.items())[:3])}")
print(f"  lines not holding their last confirmed value: {len(run['mismatched'])} {run['mismatched'][:3]}")
ok = not lost and not run["mismatched"] and run["unexpected_count"] == 0
print("  nothing lost" if ok else "  LOST OR REFUSED CHANGES")
sys.exit(0 if ok else 1)
PY
e ledger verify >/dev/null && echo "  ledger verify: ok"

echo "flood: 16 threads posting logins for ${duration} s, wrk reading /api/dashboard (4 connections)"
"$etguard" --workspace "$dir/ws" serve --listen 127.0.0.1:0 >"$dir/url" 2>"$dir/serve.err" &
server=$!
for _ in $(seq 100); do [[ -s $dir/url ]] && break; sleep 0.1; done
url=$(head -1 "$dir/url")
IFS=$'\t' read -r name pass secret _ <"$dir/users.tsv"
code=$(python3 -c 'import importlib.util, sys
spec = importlib.util.spec_from_file_location("load", sys.argv[1]); m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m); print(m.totp(sys.argv[2]))' "$here/server-load.py" "$secret")
curl -ks -o /dev/null -c "$dir/cookies" -H "Origin: ${url%/}" --data-urlencode "name=$name" \
  --data-urlencode "password=$pass" --data-urlencode "code=$code" "${url}login"
cookie=$(awk '$6 == "__Host-etguard" {print $6 "=" $7}' "$dir/cookies")
[[ -n $cookie ]] || { echo "run-server-load: the login failed" >&2; exit 1; }
p99() { awk '$1 == "99%" {print $2}' <<<"$1"; }
rate() { sed -n 's/^Requests\/sec: *\([0-9.]*\)/\1/p' <<<"$1"; }
curl -ks -o /dev/null -H "Cookie: $cookie" "${url}api/dashboard"  # the snapshot loaded once
quiet=$(wrk -t1 -c4 -d10s --latency -H "Cookie: $cookie" "${url}api/dashboard")
python3 "$here/server-load.py" flood "$url" "$duration" 16 >"$dir/flood.json" &
flooder=$!
sleep 2
during=$(wrk -t1 -c4 -d"$((duration - 4))s" --latency -H "Cookie: $cookie" "${url}api/dashboard")
wait "$flooder"
printf '  %-46s %10s req/s  p99 %s\n' "/api/dashboard, no flood" "$(rate "$quiet")" "$(p99 "$quiet")"
printf '  %-46s %10s req/s  p99 %s\n' "/api/dashboard, during the flood" "$(rate "$during")" "$(p99 "$during")"
python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))
print("  logins checked and refused: %s /s; answers %s" % (r["refused_logins_per_second"], r["answers"]))' "$dir/flood.json"
