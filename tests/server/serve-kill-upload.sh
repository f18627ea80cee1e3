#!/usr/bin/env bash
# kill -9 of `etguard serve` during an upload (issue 18): the server is killed
# while the body is still arriving and at several moments after it arrived
# (while the file is written into the store — waited for, so it is hit every
# time — filed under its hash and recorded). After each
# kill the server is started again: nothing half-written stays in the
# evidence store, every evidence record has its whole file, the ledger
# verifies, and an upload afterwards is recorded once.
# Usage: serve-kill-upload.sh ETGUARD PYTHON WORKDIR
set -euo pipefail
etguard=$1 python=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work/tmp"
export TMPDIR=$work/tmp  # where a scratch copy of an upload would be left
ws=(--workspace "$work/ws")
store=$work/ws/.etguard/evidence
password='correct horse 42 battery'
"$etguard" init "$work/ws" >/dev/null
"$etguard" "${ws[@]}" registers import "$root/src/assess/testdata/firm.yaml" >/dev/null
"$etguard" "${ws[@]}" cycle start 2027 --yes >/dev/null
# One officer per upload: each logs in once with a code of its own.
scenarios=("body 0.3" "writing 0" "writing 0" "processing 0" "processing 0.2" "processing 0.4"
  "processing 0.6" "processing 0.8" "none 0")
declare -a secrets
for i in "${!scenarios[@]}"; do
  secrets[i]=$(printf '%s\n' "$password" |
    "$etguard" "${ws[@]}" --json user add "officer$i" --role officer --display "Officer $i" --password-file - |
    "$python" -c 'import json,sys,urllib.parse as u; q=u.urlsplit(json.load(sys.stdin)["otpauth_uri"]).query; print(u.parse_qs(q)["secret"][0])')
done

server=
start() {
  : >"$work/url"
  "$etguard" "${ws[@]}" serve --listen 127.0.0.1:0 >"$work/url" 2>>"$work/serve.err" &
  server=$!
  for _ in $(seq 100); do [[ -s $work/url ]] && break; sleep 0.1; done
  url=$(head -1 "$work/url")
  [[ $url == https://127.0.0.1:* ]] || fail "no URL printed: $(cat "$work/serve.err")"
}
trap '[[ -n $server ]] && kill -9 $server 2>/dev/null || true' EXIT
unfinished() { find "$store" -name '.incoming.*' -o -name '*.tmp' | wc -l; }
records() { "$etguard" "${ws[@]}" --json evidence list | "$python" -c 'import json,sys; d=json.load(sys.stdin); print(len(d["evidence"] if isinstance(d,dict) else d))'; }

left_by_kills=0
start
for i in "${!scenarios[@]}"; do
  read -r mode delay <<<"${scenarios[i]}"
  before=$(records)
  outcome=$("$python" "$here/kill-upload.py" "$url" "$server" "officer$i" "$password" "${secrets[i]}" \
    "127.0.2.$((i + 1))" "$mode" "$delay" $((24 << 20)) "$store")
  if [[ $mode == none ]]; then
    [[ $outcome == *'"status": 201'* ]] || fail "the upload after the kills was not recorded: $outcome"
    [[ $(records) == $((before + 1)) ]] || fail "the upload after the kills is not listed once"
    break
  fi
  wait "$server" 2>/dev/null && fail "the server was not killed ($mode $delay)"
  left=$(unfinished)
  left_by_kills=$((left_by_kills + left))
  [[ $mode != writing ]] || ((left > 0)) || fail "the kill while writing left no unfinished file to remove"
  after=$(records)
  echo "killed during $mode after ${delay}s: records $before -> $after, unfinished files left $left"
  ((after == before || after == before + 1)) || fail "records went from $before to $after"
  [[ -z $(ls -A "$TMPDIR") ]] || fail "the killed server left temporary files: $(ls -A "$TMPDIR")"
  start  # removes what the killed server left
  [[ $(unfinished) == 0 ]] || fail "the restarted server left unfinished files: $(find "$store" -name '.incoming.*' -o -name '*.tmp')"
  "$etguard" "${ws[@]}" evidence verify >/dev/null || fail "a record lacks its whole file after the kill during $mode after ${delay}s"
  "$etguard" "${ws[@]}" ledger verify >/dev/null || fail "the ledger does not verify after the kill during $mode after ${delay}s"
done
# The listener's limits: an upload may be up to 32 MiB (the 24 MiB above
# went through); any other body, and a larger upload, is refused at its header.
limit() {  # path bytes -> the status answered
  "$python" - "$url" "$1" "$2" <<'PY'
import http.client, ssl, sys, urllib.parse
url, path, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
parts = urllib.parse.urlsplit(url)
tls = ssl.create_default_context(); tls.check_hostname = False; tls.verify_mode = ssl.CERT_NONE
c = http.client.HTTPSConnection(parts.hostname, parts.port, context=tls, timeout=30)
c.putrequest("POST", path); c.putheader("Content-Length", str(size)); c.endheaders()
print(c.getresponse().status)
PY
}
[[ $(limit /api/comments $((2 << 20))) == 413 ]] || fail "a 2 MiB form body was not refused"
[[ $(limit /api/evidence/upload $((33 << 20))) == 413 ]] || fail "a 33 MiB upload was not refused"
kill -TERM "$server"
wait "$server" || fail "the server did not stop cleanly on SIGTERM"
server=
"$etguard" "${ws[@]}" evidence verify >/dev/null || fail "evidence verify fails at the end"
"$etguard" "${ws[@]}" ledger verify >/dev/null || fail "the ledger does not verify at the end"
echo "PASS: ${#scenarios[@]} uploads, $((${#scenarios[@]} - 1)) killed; $left_by_kills unfinished files left by the kills, all removed on restart; records whole, ledger verifies"
