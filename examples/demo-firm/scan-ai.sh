#!/usr/bin/env bash
# The fairness of the demo firm's robo-advisor (Art. 48, 53): its invented
# decision log (logs/robo-advisor-decisions.csv: 3,000 suitability decisions
# made by bench/gen-decisions.py with seed 7, women's positive decisions kept
# at 75 %) measured by gender and age band and their intersection, as JSON,
# as a Traditional Chinese HTML report with charts, and recorded as evidence
# for the robo-advisor (ET-48.1 partly); its ONNX model's inputs
# (models/robo-advisor.onnx, with the assessments of robo-advisor.features.yaml)
# checked for the sensitive parameters of Art. 48(3) and their necessity
# assessments (ET-48.3); and the prompts its AI
# gateway logged (logs/genai-gateway.jsonl: 400 invented requests made by
# bench/gen-genai-log.py with seed 7, 4 % with planted personal data,
# classification markings or credentials) scanned for what reached external
# models, the firm's own model on premises named in genai-rules.yaml (ET-53.2
# partly); and every AI system's risk tier from the register (Art. 46).
# Usage: scan-ai.sh ETGUARD WORKSPACE OUT_DIR
set -euo pipefail
etguard=$1
ws=$2
out=$3
log=$(dirname "$0")/logs/robo-advisor-decisions.csv
measure() {  # exit 1 means a disparity beyond the policy, which this log has; 2 is an error
  local rc=0
  "$etguard" "$@" || rc=$?
  ((rc <= 1)) || { echo "scan-ai: etguard $* failed (exit $rc)" >&2; exit "$rc"; }
}
columns=(--group gender,age_band --label y --pred yhat --score p)
measure scan ai-fairness "$log" "${columns[@]}" --json > "$out/ai-fairness.json"
measure --lang zh-TW scan ai-fairness "$log" "${columns[@]}" --report "$out/ai-fairness-report.html" > /dev/null
measure --workspace "$ws" scan ai-fairness "$log" "${columns[@]}" --import --object ai/robo-advisor \
  > /dev/null 2>&1
verdict=$(grep -o '"verdict": "[a-z_]*"' "$out/ai-fairness.json" | head -1 | cut -d'"' -f4)
echo "  AI fairness: the robo-advisor's 3000 decisions by gender and age band: $verdict;" \
  "report $out/ai-fairness-report.html"
model=$(dirname "$0")/models/robo-advisor.onnx
features=(--schema "$(dirname "$0")/models/robo-advisor.features.yaml")
measure scan ai-features "$model" "${features[@]}" --format jsonl > "$out/ai-features.jsonl"
measure --workspace "$ws" scan ai-features "$model" "${features[@]}" --import --object ai/robo-advisor \
  > /dev/null 2>&1
lacking=$("$etguard" scan ai-features "$model" "${features[@]}" | grep -c '^  AI_SENSITIVE') || true
echo "  AI inputs: $lacking sensitive input(s) of the" \
  "robo-advisor without a complete necessity assessment (Art. 48(3)) in $out/ai-features.jsonl"
prompts=$(dirname "$0")/logs/genai-gateway.jsonl
rules=$(dirname "$0")/genai-rules.yaml
measure scan genai-log "$prompts" --rules "$rules" --format jsonl --summary "$out/genai-log-summary.json" \
  > "$out/genai-log.jsonl"
measure --workspace "$ws" scan genai-log "$prompts" --rules "$rules" --import --object ai/service-chatbot \
  > /dev/null 2>&1
sent=$(grep -c '"on_premises":false' "$out/genai-log.jsonl") || true
echo "  AI prompts: $sent finding(s) of personal data, markings or credentials sent to external" \
  "models in 400 logged prompts (Art. 53(2)): $out/genai-log.jsonl"
"$etguard" --workspace "$ws" ai assess --json --import > "$out/ai-risk.json" 2> /dev/null
"$etguard" --lang zh-TW --workspace "$ws" ai assess > "$out/ai-risk.txt"
tiers=$(grep -o '"tier": "[a-z]*"' "$out/ai-risk.json" | cut -d'"' -f4 | sort | uniq -c | awk '{printf "%s%s %s", sep, $1, $2; sep=", "}')
overdue=$(grep -c '"review_overdue": true' "$out/ai-risk.json") || true
echo "  AI risk tiers (Art. 46): $tiers; $overdue periodic review(s) overdue: $out/ai-risk.txt"
card=$(dirname "$0")/models/robo-advisor.card.yaml
measure --workspace "$ws" scan ai-modelcard "$card" --format jsonl --import > "$out/ai-modelcard.jsonl" 2> /dev/null
card_verdict=$(grep -o '"verdict":"[a-z_]*"' "$out/ai-modelcard.jsonl" | head -1 | cut -d'"' -f4)
echo "  AI model card (Art. 52): the robo-advisor's card is $([[ $card_verdict == pass ]] && echo "complete and current" || echo "$card_verdict"): $out/ai-modelcard.jsonl"
