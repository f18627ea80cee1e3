#!/usr/bin/env bash
# Reminders by e-mail (issue 18), to a real SMTP sink started here on
# loopback (Debian's aiosmtpd, requiring STARTTLS): the relay configured
# with `etguard mail set`, a test message, each user's digest of what comes
# due sent once a day and recorded in the ledger, an owner's digest holding
# only their lines, the same digests sent by etguard serve itself at
# mail.digest_hour, a login through etguard serve told to its user, and a
# relay without STARTTLS refused.
# Usage: mail-reminders.sh ETGUARD WORKDIR   (exit 77: skipped)
set -euo pipefail
etguard=$1 work=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
sink_python=/usr/bin/python3  # Debian's, where python3-aiosmtpd is installed
if ! "$sink_python" -c 'import aiosmtpd' 2>/dev/null; then
  echo "SKIP: python3-aiosmtpd is not installed (scripts/install-deps installs it)"
  exit 77
fi
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"
free_port() { "$sink_python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" -keyout "$work/sink.key" -out "$work/sink.pem" 2>/dev/null
sinks=()
trap 'for p in "${sinks[@]}"; do kill $p 2>/dev/null || true; done' EXIT
sink() {  # port maildir [tls]
  local extra=()
  [[ ${3:-} == tls ]] && extra=(--tlscert "$work/sink.pem" --tlskey "$work/sink.key")
  "$sink_python" -m aiosmtpd -n -l "127.0.0.1:$1" "${extra[@]}" -c aiosmtpd.handlers.Mailbox "$2" \
    >>"$work/sink.log" 2>&1 &
  sinks+=($!)
  for _ in $(seq 50); do
    "$sink_python" -c "import socket,sys; socket.create_connection(('127.0.0.1',$1),1)" 2>/dev/null && return
    sleep 0.1
  done
  fail "the SMTP sink did not start: $(cat "$work/sink.log")"
}
delivered() { find "$1/new" -type f 2>/dev/null | wc -l; }

ws=(--workspace "$work/ws")
password='correct horse 42 battery'
"$etguard" init "$work/ws" >/dev/null
"$etguard" "${ws[@]}" registers import "$root/src/assess/testdata/firm.yaml" >/dev/null
"$etguard" "${ws[@]}" cycle start 2027 --due "$(date -u -d '+5 days' +%F)" --yes >/dev/null
add() { printf '%s\n' "$password" | "$etguard" "${ws[@]}" user add "$1" --role "$2" --display "$3" ${4:+--objects "$4"} --password-file - >/dev/null; }
mei_secret=$(printf '%s\n' "$password" |
  "$etguard" "${ws[@]}" --json user add mei --role officer --display 'Mei Lin <mei@firm.example>' --password-file - |
  "$sink_python" -c 'import json,sys,urllib.parse as u; print(u.parse_qs(u.urlsplit(json.load(sys.stdin)["otpauth_uri"]).query)["secret"][0])')
add lee owner 'Lee <lee@firm.example>' cloud/core-dr
add chair board 'Chair <chair@firm.example>'
add kao officer 'Kao (no address)'

port=$(free_port)
sink "$port" "$work/box" tls
preview=$("$etguard" "${ws[@]}" --json remind)
for who in mei lee kao; do
  [[ $preview == *"\"user\": \"$who\""* ]] || fail "the preview lacks $who: $preview"
done
[[ $preview != *'"user": "chair"'* ]] || fail "the board is sent tasks"
[[ $(delivered "$work/box") == 0 ]] || fail "a preview sent mail"
"$etguard" "${ws[@]}" --json remind --send >/dev/null 2>&1 && fail "sent without a configured relay"
"$etguard" "${ws[@]}" mail set mail.tls none 2>/dev/null && fail "TLS could be turned off"
"$etguard" "${ws[@]}" mail set mail.from 'a@b.example, c@d.example' 2>/dev/null && fail "two senders accepted"
"$etguard" "${ws[@]}" mail set mail.host 127.0.0.1 >/dev/null
"$etguard" "${ws[@]}" mail set mail.port "$port" >/dev/null
"$etguard" "${ws[@]}" mail set mail.from etguard@firm.example >/dev/null
"$etguard" "${ws[@]}" mail set mail.ca_file "$work/sink.pem" >/dev/null
"$etguard" "${ws[@]}" mail test --to officer@firm.example >/dev/null || fail "the test message was not sent: $(tail -3 "$work/sink.log")"
[[ $(delivered "$work/box") == 1 ]] || fail "the test message did not arrive"

# Two copies, mail configured, nothing sent yet: for etguard serve's own digests below.
cp -a "$work/ws" "$work/ws-serve"
cp -a "$work/ws" "$work/ws-later"
sent=$("$etguard" "${ws[@]}" --json remind --send)
[[ $(delivered "$work/box") == 3 ]] || fail "expected the test message and two digests: $(delivered "$work/box")"
[[ $sent == *'"already_sent": false'* ]] || fail "first run said already sent"
# The officer's digest counts every line; the owner's only his own.
"$sink_python" - "$sent" <<'PY' || fail "the digests do not count what each user reaches: $sent"
import json, sys
digests = {d["user"]: d for d in json.loads(sys.argv[1])["digests"]}
assert digests["mei"]["sent"] and digests["lee"]["sent"] and not digests["kao"]["sent"]
assert 0 < digests["lee"]["due_in_7"] < digests["mei"]["due_in_7"] == digests["kao"]["due_in_7"]
PY
again=$("$etguard" "${ws[@]}" --json remind --send)
[[ $again == *'"already_sent": true'* && $(delivered "$work/box") == 3 ]] || fail "the digest went out twice in a day"
# What each received: lee only his own lines; both languages.
"$sink_python" - "$work/box/new" <<'PY' || fail "the digests' content is wrong"
import email, email.policy, pathlib, sys
mails = {}
for path in pathlib.Path(sys.argv[1]).iterdir():
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    mails[str(message["To"]).strip("<>")] = (str(message["Subject"]), message.get_content())
lee_subject, lee = mails["lee@firm.example"]
mei_subject, mei = mails["mei@firm.example"]
assert "逾期" in lee_subject and "overdue" in lee_subject, lee_subject
assert "cloud/core-dr" in lee and "hr-saas" not in lee and "trade-app" not in lee, lee
assert "within 7 days" in mei and "7 日內" in mei, mei
PY
actions=$("$etguard" "${ws[@]}" ledger export)
[[ $(grep -c '"action":"mail.digest"' <<<"$actions") == 2 ]] || fail "the ledger does not record both digests"
[[ $actions == *setting.set* ]] || fail "the ledger does not record the mail settings"
"$etguard" "${ws[@]}" ledger verify >/dev/null || fail "the ledger does not verify"

# A login through the server is told to its user by mail.
"$etguard" "${ws[@]}" serve --listen 127.0.0.1:0 >"$work/url" 2>"$work/serve.err" &
server=$!
sinks+=($server)
for _ in $(seq 100); do [[ -s $work/url ]] && break; sleep 0.1; done
url=$(head -1 "$work/url")
"$sink_python" "$root/tests/server/kill-upload.py" "$url" "$server" mei "$password" "$mei_secret" 127.0.4.1 none 0 100 >/dev/null ||
  fail "mei could not log in: $(cat "$work/serve.err")"
for _ in $(seq 100); do (($(delivered "$work/box") == 4)) && break; sleep 0.1; done
[[ $(delivered "$work/box") == 4 ]] || fail "no login notice arrived: $(cat "$work/serve.err")"
"$sink_python" - "$work/box/new" <<'PY' || fail "the login notice does not say where the login came from"
import email, email.policy, pathlib, sys
bodies = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in pathlib.Path(sys.argv[1]).iterdir()]
notices = [m for m in bodies if "login notice" in str(m["Subject"])]
assert len(notices) == 1 and str(notices[0]["To"]).strip("<>") == "mei@firm.example"
assert "from 127.0.4.1" in notices[0].get_content() and "自 127.0.4.1 登入" in notices[0].get_content()
PY
kill -TERM $server
wait $server || fail "the server did not stop cleanly"
[[ $("$etguard" "${ws[@]}" ledger export) == *'"action":"mail.login_notice"'* ]] || fail "the ledger lacks the login notice"
[[ $(cat "$work/serve.err") != *"$password"* ]] || fail "a password reached the server's log"

# etguard serve sends the day's digests itself once mail.digest_hour (UTC)
# has come, once a day: a restart the same day sends nothing more, and a
# server whose hour has not come sends nothing.
serve_until() {  # WORKSPACE SECONDS: run the server that long, then stop it
  "$etguard" --workspace "$1" serve --listen 127.0.0.1:0 >"$1.url" 2>>"$1.err" &
  local pid=$!
  sinks+=($pid)
  for _ in $(seq "$(($2 * 10))"); do  # until it serves and has sent, or the time is up
    [[ -s $1.url ]] && grep -q "daily digests" "$1.err" 2>/dev/null && break
    sleep 0.1
  done
  for _ in $(seq 100); do [[ -s $1.url ]] && break; sleep 0.1; done
  kill -TERM $pid
  wait $pid || fail "the server on $1 did not stop cleanly: $(cat "$1.err")"
}
"$etguard" --workspace "$work/ws-serve" mail set mail.digest_hour "$(date -u +%-H)" >/dev/null
before=$(delivered "$work/box")
serve_until "$work/ws-serve" 10
[[ $(delivered "$work/box") == $((before + 2)) ]] ||
  fail "the server did not send the day's two digests: $(cat "$work/ws-serve.err")"
grep -q "2 daily digests of $(date -u +%F) sent" "$work/ws-serve.err" || fail "the server does not say so: $(cat "$work/ws-serve.err")"
serve_until "$work/ws-serve" 2
[[ $(delivered "$work/box") == $((before + 2)) ]] || fail "a restart sent the digests again"
served=$("$etguard" --workspace "$work/ws-serve" ledger export)
[[ $(grep -c '"action":"mail.digest"' <<<"$served") == 2 ]] || fail "the ledger lacks the server's digests"
grep '"action":"mail.digest"' <<<"$served" | grep -q '"actor":"etguard serve"' || fail "the digests' actor is not the server"
"$etguard" --workspace "$work/ws-serve" ledger verify >/dev/null || fail "the ledger does not verify after the server's digests"
if (($(date -u +%-H) < 23)); then
  "$etguard" --workspace "$work/ws-later" mail set mail.digest_hour "$(($(date -u +%-H) + 1))" >/dev/null
  serve_until "$work/ws-later" 2
  [[ $(delivered "$work/box") == $((before + 2)) ]] || fail "the server sent before mail.digest_hour"
fi

# A relay that offers no STARTTLS gets nothing: TLS is never skipped.
plain=$(free_port)
sink "$plain" "$work/plain"
"$etguard" "${ws[@]}" mail set mail.port "$plain" >/dev/null
if "$etguard" "${ws[@]}" remind --send --force >"$work/plain.out" 2>&1; then
  fail "sent through a relay without STARTTLS"
fi
[[ $(delivered "$work/plain") == 0 ]] || fail "mail reached a relay without STARTTLS"
echo "PASS: relay configured and ledgered, test message, 2 digests sent once a day to the users with tasks and addresses (by remind --send, and by etguard serve at mail.digest_hour), a login notice, plain relay refused"
