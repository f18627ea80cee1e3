#!/usr/bin/env bash
# The AI fairness report as a person sees it: the demo robo-advisor's decision
# log measured, the Traditional Chinese report rendered in Debian's chromium
# through playwright-core to PNG and A4 PDF, then judged: nothing fetched
# from outside, nothing wider than the page, every table with a header row,
# the charts drawn (a bar per group and rate), and the verdict and the failing
# disparity in the PDF's text.
# Usage: render-fairness-report.sh ETGUARD NODE WORKDIR   (exit 77: skipped)
source "$(dirname "$0")/render-setup.sh"
rc=0
"$etguard" --lang zh-TW scan ai-fairness "$root/examples/demo-firm/logs/robo-advisor-decisions.csv" \
  --group gender,age_band --score p --report "$work/fairness.html" > /dev/null || rc=$?
fail() { echo "FAIL: $*" >&2; exit 1; }
((rc == 1)) || fail "the biased demo log should exit 1, not $rc"
layout=$(cd "$root/tools/node" && "$node" render.mjs "$work/fairness.html" "$work/fairness.png" "$work/fairness.pdf")
echo "rendered: $layout"
field() { "$node" -e "console.log(JSON.stringify(JSON.parse(process.argv[1])[process.argv[2]]))" "$layout" "$1"; }
[[ $(field outside) == "[]" ]] || fail "the report fetched from outside: $(field outside)"
(($(field widest) <= $(field viewport))) || fail "something runs off the page: $(field widest) > $(field viewport) px"
[[ $(field tables) == "$(field theads)" ]] || fail "a table has no header row"
# 3 groupings x 3 rate charts, a bar per group (3 + 3 + 9), plus legends.
(($(field svg) >= 45)) || fail "too few chart bars: $(field svg)"
(($(stat -c %s "$work/fairness.png") > 50000)) || fail "the screenshot is nearly empty"
pdftotext -layout "$work/fairness.pdf" "$work/fairness.txt"
for wanted in "人工智慧決策之公平性" "不符合" "人口均等比率" "分組： gender × age_band" "校準圖"; do
  grep -qF "$wanted" "$work/fairness.txt" || fail "the PDF lacks '$wanted'"
done
echo "PASS: $(field pdfPages) pages, $(field svg) chart rectangles"
