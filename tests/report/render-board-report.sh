#!/usr/bin/env bash
# The board report as a person sees it: the demo firm's year (a closed cycle
# with an open plan, signed off) rendered in Debian's chromium through
# playwright-core to PNG and A4 PDF, then judged: nothing fetched from
# outside, nothing wider than the page, every table with a header row, the
# board summary on page 1, numbered pages, and table headers repeated on the
# pages a table runs on to.
# Usage: render-board-report.sh ETGUARD NODE WORKDIR   (exit 77: skipped)
source "$(dirname "$0")/render-setup.sh"
export ETGUARD_ACTOR="王小明"
ws=(--workspace "$work/ws")
"$etguard" init "$work/ws" >/dev/null
"$etguard" "${ws[@]}" registers import "$root/examples/demo-firm/registers.yaml" >/dev/null
"$etguard" "${ws[@]}" cycle start 2026 --today 2026-01-05 --due 2026-12-31 >/dev/null
"$root/examples/demo-firm/assess.sh" "$etguard" "$work/ws"
"$etguard" "${ws[@]}" result set ET-8.2.3 --object cloud/trading-dr \
  --plan "兩個特權帳號啟用 FIDO2 多因子認證" --plan-owner 資訊處 --plan-due 2027-02-28 >/dev/null
"$etguard" "${ws[@]}" cycle start 2027 --today 2027-01-04 --due 2027-06-30 >/dev/null
"$etguard" "${ws[@]}" --lang zh-TW cycle sign-off 2026 --statement "董事會 2027-03-20 核定" >/dev/null
"$etguard" "${ws[@]}" --lang zh-TW report --cycle 2026 --out "$work/board.html" >/dev/null

layout=$(cd "$root/tools/node" && "$node" render.mjs "$work/board.html" "$work/board.png" "$work/board.pdf")
echo "rendered: $layout"
fail() { echo "FAIL: $*" >&2; exit 1; }
field() { "$node" -e "console.log(JSON.stringify(JSON.parse(process.argv[1])[process.argv[2]]))" "$layout" "$1"; }
[[ $(field outside) == "[]" ]] || fail "the report fetched from outside: $(field outside)"
(($(field widest) <= $(field viewport))) || fail "something runs off the page: $(field widest) > $(field viewport) px"
[[ $(field tables) == "$(field theads)" ]] || fail "a table has no header row"
(($(field svg) > 0)) || fail "no chart drawn"
pages=$(field pdfPages)
((pages >= 2)) || fail "the PDF has $pages page(s)"
(($(stat -c %s "$work/board.png") > 50000)) || fail "the screenshot is nearly empty"
pdftotext -layout "$work/board.pdf" "$work/board.txt"
# Page 1 is the board summary, signed off, with its numbered footer.
page1=$(awk 'BEGIN{RS="\f"} NR==1' "$work/board.txt")
for wanted in "董事會摘要" "王小明" "評估週期 2026" "第二章 雲端服務" "1 / $pages"; do
  grep -qF "$wanted" <<<"$page1" || fail "page 1 lacks '$wanted'"
done
# The table that continues onto later pages repeats its header there.
repeated=$(awk 'BEGIN{RS="\f"} NR>2 && /要求/ && /對象/ && /負責/ {n++} END{print n+0}' "$work/board.txt")
((repeated >= 2)) || fail "table headers are not repeated on later pages ($repeated)"
grep -qF "FIDO2 多因子認證" "$work/board.txt" || fail "the open plan is not in the PDF"
echo "PASS: $pages pages, headers repeated on $repeated later pages"
