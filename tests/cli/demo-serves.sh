#!/usr/bin/env bash
# The end of `make run` (examples/demo-firm/serve.sh) on a demo workspace:
# five demo users, one per role, their logins in a file only the caller can
# read, the server answering on loopback; run again, the users get new
# authenticators rather than failing. The login page is fetched over HTTPS.
# Usage: demo-serves.sh ETGUARD WORKDIR
set -euo pipefail
etguard=$1 work=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work/out"
"$etguard" init "$work/out/demo" >/dev/null
"$etguard" --workspace "$work/out/demo" registers import "$root/examples/demo-firm/registers.yaml" >/dev/null
serve_once() {  # prints the secrets of the run
  "$root/examples/demo-firm/serve.sh" "$etguard" "$work/out" 0 >"$work/serve.log" 2>&1 &
  local server=$!
  local url=
  for _ in $(seq 100); do
    url=$(grep -m1 '^https://127.0.0.1:' "$work/serve.log" || true)
    [[ -n $url ]] && break
    sleep 0.1
  done
  [[ -n $url ]] || { kill $server 2>/dev/null || true; fail "no URL printed: $(cat "$work/serve.log")"; }
  local page
  page=$(curl -ks --max-time 10 "${url}login") || { kill $server; fail "the login page did not answer"; }
  kill -TERM $server
  wait $server || fail "the server did not stop cleanly"
  [[ $page == *'id="code"'* ]] || fail "the login page lacks the code field"
  grep -o 'secret [A-Z2-7]\+' "$work/out/demo-logins.txt"
}
first=$(serve_once)
[[ $(stat -c %a "$work/out/demo-logins.txt") == 600 ]] || fail "the logins file is readable by others"
[[ $(wc -l <<<"$first") == 5 ]] || fail "not five demo users: $first"
roles=$("$etguard" --workspace "$work/out/demo" --json user list)
for role in admin officer owner auditor board; do
  [[ $roles == *"\"role\": \"$role\""* ]] || fail "no demo $role"
done
second=$(serve_once)
[[ $(wc -l <<<"$second") == 5 ]] || fail "the second run lost users: $second"
[[ $first != "$second" ]] || fail "the second run did not give new authenticators"
"$etguard" --workspace "$work/out/demo" ledger verify >/dev/null || fail "the ledger does not verify"
echo "ok: five demo users served, logins kept private, a second run resets them"
rm -rf "$work"
