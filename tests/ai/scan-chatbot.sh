#!/usr/bin/env bash
# etguard scan chatbot against a stub chatbot started here on loopback
# (tests/ai/chatbot-stub.py) with each behaviour: a careful bot passes every
# check; a careless one (claims to be a person, leaks its canary, obeys an
# injection, gives stock tips) fails each, and the canary never reaches the
# output; a custom JSON API over TLS is spoken through a template whose
# bearer token comes from the environment and is never printed; an answer
# that does not match the template, a missing token and an unreachable
# endpoint exit 2 with the reason; --max-requests bounds the requests;
# --import records the evidence for the demo firm's chatbot.
# Usage: scan-chatbot.sh ETGUARD WORKDIR
set -euo pipefail
etguard=$1 work=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
py=/usr/bin/python3
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"
stubs=()
trap 'for p in "${stubs[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
# Starts a stub with the given behaviour; sets $port.
stub() {
  local out=$work/stub-${#stubs[@]}.port
  "$py" "$root/tests/ai/chatbot-stub.py" "$@" > "$out" 2>>"$work/stub.log" &
  stubs+=($!)
  for _ in $(seq 50); do
    port=$(head -1 "$out" 2>/dev/null || true)
    [[ -n $port ]] && return
    sleep 0.1
  done
  fail "the stub did not start: $(cat "$work/stub.log")"
}
expect_exit() {  # expected_code command...
  local want=$1 rc=0
  shift
  "$@" > "$work/out" 2> "$work/err" || rc=$?
  [[ $rc == "$want" ]] || fail "$* exited $rc, not $want: $(cat "$work/out" "$work/err")"
}

# A careful bot: every probe passes.
stub --discloses yes --alternative yes --canary CANARY-77
expect_exit 0 "$etguard" scan chatbot --endpoint "http://127.0.0.1:$port/v1/chat/completions" \
  --canary CANARY-77 --rate 50
for check in ai.chatbot_disclosure ai.chatbot_security ai.chatbot_scope; do
  grep -q "^$check pass" "$work/out" || fail "$check did not pass: $(cat "$work/out")"
done

# A careless bot: every check fails, and the canary is never written.
stub --discloses no --leaks yes --obeys yes --advises yes --canary CANARY-77
expect_exit 1 "$etguard" scan chatbot --endpoint "http://127.0.0.1:$port/v1/chat/completions" \
  --canary CANARY-77 --rate 50 --format jsonl
[[ $(grep -c '"verdict":"fail"' "$work/out") == 10 ]] || fail "not 10 failed probes: $(cat "$work/out")"
grep -q 'CANARY-77' "$work/out" "$work/err" && fail "the canary was written"
grep -q '\[CANARY\]' "$work/out" || fail "the leaked canary is not shown masked"
expect_exit 1 "$etguard" --lang zh-TW scan chatbot --endpoint "http://127.0.0.1:$port/v1/chat/completions" \
  --canary CANARY-77 --rate 50
for check in ai.chatbot_disclosure ai.chatbot_security ai.chatbot_scope; do
  grep -q "^$check fail" "$work/out" || fail "$check did not fail: $(cat "$work/out")"
done
grep -q '遵從注入之指令' "$work/out" || fail "no zh-TW reason: $(cat "$work/out")"

# A custom JSON API over TLS, through a template; the token from the environment.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" -keyout "$work/bot.key" -out "$work/bot.pem" 2>/dev/null
cat > "$work/bot.yaml" <<'YAML'
request:
  headers:
    Authorization: Bearer ${CHATBOT_TOKEN}
  body: '{"q": "{{message}}", "sid": "{{session}}"}'
response:
  text: data.reply.0
YAML
stub --discloses yes --alternative yes --shape custom --token s3cret-t0ken --tls "$work/bot.pem" "$work/bot.key"
CHATBOT_TOKEN=s3cret-t0ken expect_exit 0 "$etguard" scan chatbot --endpoint "https://127.0.0.1:$port/chat" \
  --template "$work/bot.yaml" --ca-file "$work/bot.pem" --rate 50
grep -q 'canary-zh  *skipped' "$work/out" || fail "canary probes not skipped without --canary: $(cat "$work/out")"
grep -q 's3cret' "$work/out" "$work/err" && fail "the token was written"
expect_exit 2 "$etguard" scan chatbot --endpoint "https://127.0.0.1:$port/chat" \
  --template "$work/bot.yaml" --ca-file "$work/bot.pem" --rate 50
grep -q 'needs the environment variable CHATBOT_TOKEN' "$work/err" || fail "missing token: $(cat "$work/err")"
# Without the CA, the self-signed certificate is refused.
CHATBOT_TOKEN=s3cret-t0ken expect_exit 2 "$etguard" scan chatbot --endpoint "https://127.0.0.1:$port/chat" \
  --template "$work/bot.yaml" --rate 50
grep -qi 'certificate' "$work/err" || fail "an unverified certificate was accepted: $(cat "$work/err")"

# An answer that does not match the template.
stub --shape broken
expect_exit 2 "$etguard" scan chatbot --endpoint "http://127.0.0.1:$port/v1/chat/completions" --rate 50
grep -q "has no text at 'choices.0.message.content' (<built-in template>:" "$work/err" \
  || fail "no located template mismatch: $(cat "$work/err")"
grep -q '{"result":' "$work/err" || fail "the answer is not quoted: $(cat "$work/err")"

# The bounds: three requests at most; the scope check, none of whose probes
# was sent, is not a pass (exit 2).
stub --discloses yes --alternative yes
expect_exit 2 "$etguard" scan chatbot --endpoint "http://127.0.0.1:$port/v1/chat/completions" \
  --rate 50 --max-requests 3 --format jsonl
[[ $(grep -c '"verdict":"pass"' "$work/out") == 3 ]] || fail "not 3 probes sent: $(cat "$work/out")"
grep -q 'beyond --max-requests 3' "$work/out" || fail "no probe skipped by the bound"

# Only loopback over plain HTTP.
expect_exit 2 "$etguard" scan chatbot --endpoint "http://192.0.2.1/chat"

# The evidence for the demo firm's customer chatbot.
ws=$work/ws
"$etguard" init "$ws" > /dev/null
"$etguard" --workspace "$ws" registers import "$root/examples/demo-firm/registers.yaml" > /dev/null
expect_exit 0 "$etguard" --workspace "$ws" scan chatbot \
  --endpoint "http://127.0.0.1:$port/v1/chat/completions" --rate 50 --canary C-1 --import \
  --object ai/service-chatbot
grep -q 'imported 3 scan evidence records' "$work/err" || fail "evidence not imported: $(cat "$work/err")"
echo "scan-chatbot: ok"
