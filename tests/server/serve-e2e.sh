#!/usr/bin/env bash
# `etguard serve` end to end, as a firm runs it: a workspace with users made
# at the terminal, the server started on a free loopback port with its
# self-signed certificate, judged by etguard's own TLS check (Art. 34) and
# driven in chromium (tools/node/serve-e2e.mjs): login with password and
# TOTP, both languages, user text inert, a cross-site POST refused, logout,
# lockout after five failures, unlock by an administrator on the users page
# (and a user added there, its authenticator QR code shown once),
# an owner limited to their objects, the board to the summary. Stopped with
# SIGTERM at the end; the ledger verifies afterwards.
# Usage: serve-e2e.sh ETGUARD NODE WORKDIR   (exit 77: skipped)
set -euo pipefail
etguard=$1 node=$2 work=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v chromium >/dev/null; then
  echo "SKIP: chromium is not installed (scripts/install-deps installs it)"
  exit 77
fi
if [[ ! -d $root/tools/node/node_modules/playwright-core ]]; then
  echo "SKIP: playwright-core is not installed in tools/node (scripts/install-deps installs it)"
  exit 77
fi
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work/shots"
ws=(--workspace "$work/ws")
password='correct horse 42 battery'
"$etguard" init "$work/ws" >/dev/null
"$etguard" "${ws[@]}" registers import "$root/src/assess/testdata/firm.yaml" >/dev/null
"$etguard" "${ws[@]}" cycle start 2027 --due "$(date -u -d '+20 days' +%F)" --yes >/dev/null
secret() { "$node" -e 'const u=JSON.parse(require("fs").readFileSync(0,"utf8")).otpauth_uri; console.log(new URL(u).searchParams.get("secret"))'; }
declare -A secrets
add() {  # name role display [objects]
  local extra=()
  [[ -n ${4:-} ]] && extra=(--objects "$4")
  secrets[$1]=$(printf '%s\n' "$password" |
    "$etguard" "${ws[@]}" --json user add "$1" --role "$2" --display "$3" "${extra[@]}" --password-file - | secret)
}
add mei officer '林美 <img src=x onerror="window.__xss=1">'
add lee owner 'Lee' cloud/core-dr
add chair board '董事長'
add ada admin 'Ada'
"$node" -e 'console.log(JSON.stringify({password: process.argv[1], secrets: {mei: process.argv[2], lee: process.argv[3], chair: process.argv[4], ada: process.argv[5]}}))' \
  "$password" "${secrets[mei]}" "${secrets[lee]}" "${secrets[chair]}" "${secrets[ada]}" >"$work/users.json"

"$etguard" "${ws[@]}" serve --listen 127.0.0.1:0 >"$work/url" 2>"$work/serve.err" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do [[ -s $work/url ]] && break; sleep 0.1; done
url=$(head -1 "$work/url")
[[ $url == https://127.0.0.1:* ]] || fail "no URL printed: $(cat "$work/serve.err")"
target=${url#https://}
target=${target%/}

# The server's TLS as etguard's own Art. 34 check judges it, recorded as the
# web trading system's evidence (the findings page shows it).
"$etguard" "${ws[@]}" scan tls --ca "$work/ws/.etguard/server/cert.pem" --import --object trading/web \
  "$target" >"$work/tls.txt" || fail "etguard scan tls does not pass the server: $(cat "$work/tls.txt")"

seen=$(cd "$root/tools/node" && "$node" serve-e2e.mjs "$url" "$work/users.json" "$work/shots" locked)
echo "phase 1: $seen"
get() { "$node" -e 'const v=JSON.parse(process.argv[1])[process.argv[2]]; console.log(typeof v==="string"?v:JSON.stringify(v))' "$seen" "$1"; }
[[ $(get loginPath) == /login ]] || fail "not sent to the login page"
[[ $(get afterLogin) == / ]] || fail "password and code did not log in"
[[ $(get heading) == 測試證券股份有限公司 ]] || fail "the dashboard does not name the firm"
[[ $(get tasksZh) == 1 ]] || fail "the officer has no task list"
[[ $(get xss) == false ]] || fail "a display name ran as script"
[[ $(get account) == *'<img src=x'* ]] || fail "the display name is not shown as text"
[[ $(get langEn) == en ]] || fail "the language switch did not switch"
[[ $(get tasksEn) == "My tasks" ]] || fail "the English page lacks 'My tasks'"
(($(get taskRows) > 0)) || fail "no tasks listed"
cookie=$(get cookie)
for flag in '"httpOnly":true' '"secure":true' '"sameSite":"Strict"'; do
  [[ $cookie == *"$flag"* ]] || fail "session cookie lacks $flag: $cookie"
done
(($(get gridRows) > 0)) || fail "the assessment grid is empty"
[[ $(get gridQuery) == '?chapter=2&owner=&status=&due=30&object=' ]] || fail "the grid's filters did not apply: $(get gridQuery)"
(($(get gridFiltered) > 0)) || fail "the grid filtered to Chapter 2, due within 30 days, is empty"
[[ $(get gridOutsideChapter) == 0 ]] || fail "the grid filtered to Chapter 2 shows other chapters"
[[ $(get resultNotice) == 1 ]] || fail "changing a result from its page said nothing"
[[ $(get resultStatus) == "partially compliant" ]] || fail "the result was not changed: $(get resultStatus)"
[[ $(get resultHistoryBy) == mei ]] || fail "the history does not name the officer: $(get resultHistoryBy)"
[[ $(get commentShown) == *'<img src=x onerror='* ]] || fail "the comment is not shown as typed: $(get commentShown)"
[[ $(get commentImages) == 0 && $(get commentTitle) != pwned ]] || fail "markup in a comment ran: $(get commentImages) $(get commentTitle)"
(($(get scopeBars) > 0)) || fail "the scope page has no chart"
[[ $(get scopeExcluded) == 0 ]] && (($(get scopeExcludedRows) > 0)) || fail "the scope filtered to what does not apply shows what applies"
[[ $(get scopeEntries) == '["cloud/core-dr","cloud/hr-saas"]' ]] || fail "the scope of ET-8.1.1 lacks the cloud entries: $(get scopeEntries)"
(($(get registerBars) >= 10)) || fail "the registers page has no bar per register: $(get registerBars)"
[[ $(get registerEntries) == '["cloud/core-dr"]' ]] || fail "the registers searched for core: $(get registerEntries)"
[[ $(get registerSavedDates) == *last_exit_plan_review*2026-11-30* ]] || fail "the edited date is not shown: $(get registerSavedDates)"
[[ $(get registerRefused) == 1 ]] || fail "a bad date in the register form is not refused on the page"
[[ $(get importPreview) == *"added: iot/cam-1"* ]] || fail "the import preview does not list the new device: $(get importPreview)"
[[ $(get importedRows) == 1 ]] || fail "the imported device is not listed after the import"
[[ $(get cyclePreview) == *'would archive and reset'* ]] || fail "the cycle preview said nothing: $(get cyclePreview)"
[[ $(get cycleStartOffered) == 1 && $(get cyclesAfterPreview) == 1 ]] || fail "the preview changed the cycles or offered no start"
[[ $(get ledgerVerifies) == 1 ]] || fail "the ledger page does not say the ledger verifies"
[[ $(get ledgerTop) == evidence.add ]] || fail "the newest ledger entry is not the officer's upload: $(get ledgerTop)"
[[ $(get uploadListed) == 1 ]] || fail "the uploaded evidence is not listed on its line"
[[ $(get ownReviewForms) == 0 ]] || fail "the uploader is offered to review her own evidence"
[[ $(get ownApproval) == 403 ]] || fail "the uploader approved her own evidence: $(get ownApproval)"
[[ $(get findingObjects) == '["trading/web"]' && $(get findingChecks) == *tls.protocol* ]] ||
  fail "the findings page shows $(get findingObjects): $(get findingChecks)"
[[ $(get signNotice) == 1 && $(get signedRows) == 1 ]] || fail "the officer's sign-off was not recorded: $(get signNotice) $(get signedRows)"
[[ $(get forgedStatus) == 403 ]] || fail "a cross-site POST was not refused"
[[ $(get afterLogout) == /login ]] || fail "log out did not end the session"
[[ $(get lockedMessage) == *locked* ]] || fail "five failures did not lock: $(get lockedMessage)"
[[ $(get violations) == "[]" ]] || fail "Content-Security-Policy violations: $(get violations)"
[[ $(get outside) == "[]" ]] || fail "a page fetched from outside: $(get outside)"

# An administrator unlocks the owner on the users page, after checking who
# asks, and adds a user there.
seen=$(cd "$root/tools/node" && "$node" serve-e2e.mjs "$url" "$work/users.json" "$work/shots" unlocked)
echo "phase 2: $seen"
[[ $(get lockedListed) == 1 ]] || fail "the users page does not show the owner locked"
[[ $(get unlockNotice) == *'Unlocked lee'* ]] || fail "the unlock said nothing: $(get unlockNotice)"
[[ $(get enrolQr) == 1 ]] || fail "adding a user showed no QR code"
[[ $(get enrolUri) == otpauth://totp/* ]] || fail "adding a user showed no otpauth URI: $(get enrolUri)"
[[ $(get approvedBy) == *approved*ada* ]] || fail "another person could not approve the evidence: $(get approvedBy)"
[[ $(get officerUsers) == 403 ]] || fail "an officer reached the users page: $(get officerUsers)"
[[ $(get ownerPath) == / ]] || fail "the unlocked owner cannot log in"
[[ $(get ownerObjects) == '["cloud/core-dr"]' ]] || fail "the owner sees others' objects: $(get ownerObjects)"
[[ $(get ownerScopeEntries) == '["cloud/core-dr"]' ]] || fail "the owner's scope shows others' entries: $(get ownerScopeEntries)"
[[ $(get ownerRegisterEntries) == '["cloud/core-dr"]' ]] || fail "the owner's registers show others' entries: $(get ownerRegisterEntries)"
[[ $(get ownerGridObjects) == '["cloud/core-dr"]' ]] || fail "the owner's grid shows others' objects: $(get ownerGridObjects)"
[[ $(get tokenSecret) == shown ]] || fail "making a token showed no secret: $(get tokenSecret)"
[[ $(get tokenRows) == '["ci-tls <b>"]' ]] || fail "the tokens page lists: $(get tokenRows)"
[[ $(get tokenSecretOnList) == false ]] || fail "the tokens page shows a secret again"
[[ $(get tokenApi) == 200 && $(get tokenPage) == 303 ]] || fail "the token reached: API $(get tokenApi), page $(get tokenPage)"
[[ $(get ownerFindings) == 0 ]] || fail "the owner sees findings of others' objects: $(get ownerFindings)"
[[ $(get keyRows) == "[\"lee's key <i>\"]" ]] || fail "the security keys page lists: $(get keyRows)"
[[ $(get keyNotice) == "lee's key <i>: recorded in the ledger." ]] || fail "adding a key said: $(get keyNotice)"
[[ $(get keyStepCredentials) == 1 ]] || fail "the key step offers $(get keyStepCredentials) keys"
[[ $(get keyLoginPath) == / && $(get keyLoginAccount) == 'Lee (owner)' ]] ||
  fail "the login with a security key ended at $(get keyLoginPath) as $(get keyLoginAccount)"
[[ $(get keySignCount) =~ ^\[[1-9][0-9]*\]$ ]] || fail "the key's signature count after a login: $(get keySignCount)"
[[ $(get boardTasks) == 0 ]] || fail "the board is shown tasks"
(($(get boardCards) == 5)) || fail "the board summary lacks its cards"
[[ $(get boardCatalogLinks) == 0 ]] || fail "the board is offered the guideline pages"
[[ $(get boardDownloads) == 0 ]] || fail "the board is offered the reports to download"
[[ $(get boardSignedName) == report-2027.en.html ]] || fail "the board did not get the signed report: $(get boardSignedName)"
[[ $(get boardHandedSigned) == 1 ]] || fail "the board's handed report is not listed as signed: $(get boardHandedSigned)"
[[ $(get outlineArticles) == 54 ]] || fail "the outline lacks articles: $(get outlineArticles)"
[[ $(get clauseShown) == ET-8.3.5 ]] || fail "the clause anchor does not open ET-8.3.5"
[[ $(get clauseSource) == *應避免* ]] || fail "the English page lacks the Chinese source of ET-8.3.5"
[[ $(get searchHits) == *'"ET-38'* ]] || fail "search for 深偽 misses Article 38: $(get searchHits)"
# The API: its OpenAPI document is valid OpenAPI 3.1, and the live answers
# match the schemas it declares (tests/data/openapi/README.md).
[[ $(get apiStatus) == '{"openapi":200,"session":200,"dashboard":200,"assessment":200,"result":200,"outline":200,"article":200,"search":200,"reports":200,"scope":200,"registers":200,"tokens":200,"findings":200,"missing":404}' ]] ||
  fail "API statuses: $(get apiStatus)"
validate=("$node" "$root/tools/node/validate-schema.mjs")
shots=$work/shots
"${validate[@]}" "$root/tests/data/openapi/oas-3.1-schema-2022-10-07.json" "$shots/api-openapi.json" >/dev/null ||
  fail "/api/openapi.json is not valid OpenAPI 3.1"
for pair in Session:session Dashboard:dashboard AssessmentGrid:assessment ResultLine:result CatalogOutline:outline CatalogArticle:article \
  CatalogListing:search Reports:reports SecurityKeys:security-keys ObjectFindings:findings Problem:missing; do
  "${validate[@]}" "$shots/api-openapi.json#/components/schemas/${pair%%:*}" "$shots/api-${pair#*:}.json" >/dev/null ||
    fail "the ${pair#*:} answer does not match its schema ${pair%%:*}"
done
# Answers whose schema is declared inline, on their path.
"${validate[@]}" "$shots/api-openapi.json#/paths/~1api~1scope/get/responses/200/content/application~1json/schema" "$shots/api-scope.json" >/dev/null ||
  fail "the scope answer does not match its schema"
"${validate[@]}" "$shots/api-openapi.json#/paths/~1api~1registers/get/responses/200/content/application~1json/schema" "$shots/api-registers.json" >/dev/null ||
  fail "the registers answer does not match its schema"
"${validate[@]}" "$shots/api-openapi.json#/paths/~1api~1tokens/get/responses/200/content/application~1json/schema" "$shots/api-tokens.json" >/dev/null ||
  fail "the tokens answer does not match its schema"

kill -TERM $server
wait $server || fail "the server did not stop cleanly on SIGTERM"
trap - EXIT
"$etguard" "${ws[@]}" ledger verify >/dev/null || fail "the ledger does not verify after the session"
actions=$("$etguard" "${ws[@]}" ledger export)
for action in login.success login.failure login.locked user.unlock user.add cycle.sign_off evidence.add evidence.review comment.add token.create; do
  [[ $actions == *"$action"* ]] || fail "the ledger lacks $action"
done
for shot in login-zh-TW dashboard-zh-TW dashboard-en assessment-en result-en ledger-en assessment-owner-en locked-en users-en enrolment-en evidence-en reports-en reports-board-zh-TW \
  dashboard-owner-en dashboard-board-zh-TW \
  catalog-en catalog-article-8-en catalog-search-en scope-en scope-owner-en registers-en registers-owner-en register-entry-en registers-import-en token-new-en tokens-en reports-board-signed-zh-TW; do
  (($(stat -c %s "$work/shots/$shot.png") > 10000)) || fail "screenshot $shot is nearly empty"
done
echo "PASS: TLS check passed, login, languages, CSRF, lockout and unlock, roles, the guideline browsed; screenshots in $work/shots"
