#!/usr/bin/env bash
# `etguard scan ... --push` with API tokens (issue 18), against a real
# `etguard serve` started here on loopback: tokens made at the terminal, a
# TLS scan of the server itself and a PII scan pushed with an owner's token
# and recorded under the owner's name, and every refusal a pipeline can meet
# — another object, an auditor's token, a revoked one, a wrong one, the
# server's certificate not trusted, plain HTTP, an unreadable token file, a
# malformed document — refused with a clear message and nothing recorded.
# The ledger and the records verify at the end; no secret is in the ledger,
# the list or the server's log.
# Usage: push-findings.sh ETGUARD PYTHON WORKDIR
set -euo pipefail
etguard=$1 python=$2 work=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"
ws=(--workspace "$work/ws")
password='correct horse 42 battery'
"$etguard" init "$work/ws" >/dev/null
"$etguard" "${ws[@]}" registers import "$root/src/assess/testdata/firm.yaml" >/dev/null
for user in "chen owner trading/web,cloud/core-dr" "ci officer" "kuo auditor"; do
  read -r name role objects <<<"$user"
  printf '%s\n' "$password" | "$etguard" "${ws[@]}" user add "$name" --role "$role" \
    ${objects:+--objects "$objects"} --password-file - >/dev/null
done
"$etguard" "${ws[@]}" token add chen --name ci-tls --out "$work/chen.token" >/dev/null
[[ $(stat -c %a "$work/chen.token") == 600 ]] || fail "the token file is not mode 0600"
"$etguard" "${ws[@]}" token add chen --name again --out "$work/chen.token" 2>"$work/err" &&
  fail "a token file was overwritten"
grep -q "must not exist" "$work/err" || fail "overwriting a token file: $(cat "$work/err")"
"$etguard" "${ws[@]}" token add kuo --name audit-bot --out "$work/kuo.token" >/dev/null
revoked_id=$("$etguard" "${ws[@]}" --json token add ci --name old --out "$work/old.token" |
  "$python" -c 'import json,sys; print(json.load(sys.stdin)["id"])')
"$etguard" "${ws[@]}" token revoke "$revoked_id" >/dev/null
"$etguard" "${ws[@]}" token add ci --name wide --role admin 2>"$work/err" && fail "a token wider than its user"
grep -q "cannot act as admin" "$work/err" || fail "a wider token: $(cat "$work/err")"

: >"$work/url"
"$etguard" "${ws[@]}" serve --listen 127.0.0.1:0 >"$work/url" 2>"$work/serve.err" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do [[ -s $work/url ]] && break; sleep 0.1; done
url=$(head -1 "$work/url")
[[ $url == https://127.0.0.1:* ]] || fail "no URL printed: $(cat "$work/serve.err")"
port=${url##*:}
port=${port%/}
ca=$work/ws/.etguard/server/cert.pem
records() {
  "$etguard" "${ws[@]}" --json evidence list | "$python" -c '
import json, sys
d = json.load(sys.stdin)
print(len(d["evidence"] if isinstance(d, dict) else d))'
}
push=(--push "$url" --push-ca "$ca")

# An owner's token records a TLS scan of the server on their object, as them.
before=$(records)
"$etguard" scan tls --ca "$ca" "${push[@]}" --token-file "$work/chen.token" --object trading/web \
  "127.0.0.1:$port" >"$work/out" 2>"$work/err" || fail "the pushed TLS scan: $(cat "$work/err")"
grep -q "recorded [1-9][0-9]* scan evidence records" "$work/err" || fail "no count: $(cat "$work/err")"
added=$(sed -n 's/.* recorded \([0-9]*\) scan evidence.*/\1/p' "$work/err")
[[ $(records) == $((before + added)) ]] || fail "the server says $added were recorded, the workspace has $(( $(records) - before ))"
"$etguard" "${ws[@]}" --json evidence list | "$python" -c '
import json, sys
d = json.load(sys.stdin)
rows = d["evidence"] if isinstance(d, dict) else d
scans = [r for r in rows if r["kind"] == "scan"]
assert scans and all(r["added_by"] == "chen" and r["object"] == "trading/web" for r in scans), scans
assert any(r["check_id"] == "tls.protocol" and r["verdict"] == "pass" for r in scans), scans
' || fail "the pushed records are not chen's TLS findings on trading/web"

# A PII scan pushed the same way, on chen's cloud service.
printf 'name,id\nWang,A123456789\n' >"$work/customers.csv"
"$etguard" scan pii "$work/customers.csv" "${push[@]}" --token-file "$work/chen.token" \
  --object cloud/core-dr >/dev/null 2>"$work/err" || [[ $? == 1 ]] || fail "the pushed PII scan: $(cat "$work/err")"
grep -q "recorded [0-9]* scan evidence records" "$work/err" || fail "PII push: $(cat "$work/err")"

refused() {  # expected-message token-file [scan arguments...]
  local expected=$1 token=$2
  shift 2
  local before_refusal
  before_refusal=$(records)
  if "$etguard" scan tls --ca "$ca" "$@" --token-file "$token" "127.0.0.1:$port" >/dev/null 2>"$work/err"; then
    fail "accepted, expected: $expected"
  fi
  grep -q -- "$expected" "$work/err" || fail "expected '$expected', got: $(cat "$work/err")"
  [[ $(records) == "$before_refusal" ]] || fail "a refused push recorded something ($expected)"
}
refused "HTTP 403): chen may not record findings on ai/robo-advisor" "$work/chen.token" "${push[@]}" --object ai/robo-advisor
refused "HTTP 403" "$work/kuo.token" "${push[@]}" --object trading/web
refused "HTTP 401): the API token is not valid" "$work/old.token" "${push[@]}" --object trading/web
sed 's/.$/0/' "$work/chen.token" >"$work/wrong.token"
cmp -s "$work/wrong.token" "$work/chen.token" && sed -i 's/.$/1/' "$work/wrong.token"
refused "HTTP 401" "$work/wrong.token" "${push[@]}" --object trading/web
refused "certificate" "$work/chen.token" --push "$url" --object trading/web
refused "is not a server to push to" "$work/chen.token" --push "http://127.0.0.1:$port" --object trading/web
: >"$work/empty.token"
refused "token file $work/empty.token: holds no token" "$work/empty.token" "${push[@]}" --object trading/web
refused "excludes" "$work/chen.token" "${push[@]}" --import --object trading/web

# The API itself: a token reads the JSON API but never a page; a malformed
# document is refused at its member; a cookie-less POST with a token needs
# no CSRF token, and a page never takes one.
"$python" - "$url" "$ca" "$(cat "$work/chen.token")" <<'PY' || fail "the API with a token"
import http.client, json, ssl, sys, urllib.parse
url, ca, token = sys.argv[1:4]
parts = urllib.parse.urlsplit(url)
tls = ssl.create_default_context(cafile=ca)
def ask(method, path, body=None, auth="Bearer " + token):
    c = http.client.HTTPSConnection(parts.hostname, parts.port, context=tls, timeout=30)
    headers = {"Authorization": auth} if auth else {}
    if body is not None:
        headers["Content-Type"] = "application/json"
    c.request(method, path, body=body, headers=headers)
    r = c.getresponse()
    return r.status, r.getheader("WWW-Authenticate"), r.read().decode()
status, _, body = ask("GET", "/api/dashboard")
assert status == 200 and json.loads(body)["schema"] == "etguard.dashboard", (status, body)
status, _, _ = ask("GET", "/")
assert status == 303, status  # a page: the login, never the token
status, challenge, body = ask("GET", "/api/dashboard", auth="Bearer etg_" + "0" * 64)
assert status == 401 and challenge.startswith("Bearer"), (status, challenge, body)
status, _, body = ask("POST", "/api/findings", body='{"schema": "etguard.findings_push", "version": "1.0", "findings": [{"check_id": 7}]}')
assert status == 400 and "$.findings[0].check_id: must be a string" in json.loads(body)["error"], (status, body)
status, _, body = ask("POST", "/api/users/add", body="{}")
assert status == 403, (status, body)  # an owner's token administers nothing
PY

# Nothing secret anywhere it could be read back.
secret=$(cat "$work/chen.token")
"$etguard" "${ws[@]}" ledger export >"$work/ledger.jsonl"
for where in "$work/ledger.jsonl" "$work/serve.err"; do
  ! grep -q "${secret#etg_}" "$where" || fail "the secret is in $where"
done
"$etguard" "${ws[@]}" --json token list | grep -q "${secret#etg_}" && fail "the secret is listed"
"$etguard" "${ws[@]}" --json token list | "$python" -c '
import json, sys
d = json.load(sys.stdin)
states = {t["name"]: t["active"] for t in d["tokens"]}
assert states == {"ci-tls": True, "audit-bot": True, "old": False}, states'
"$etguard" "${ws[@]}" ledger verify >/dev/null || fail "the ledger does not verify"
"$etguard" "${ws[@]}" evidence verify >/dev/null || fail "the evidence does not verify"
echo "push-findings: $added TLS records pushed as chen; 8 refusals left nothing; the ledger verifies"
