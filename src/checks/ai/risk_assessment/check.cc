// ai.risk_assessment: an AI system's register entry records every factor
// Art. 46(1) names, each with a level the firm's risk model knows, so its
// tier follows from what was assessed rather than from defaults. Partly
// ET-46.1: the register shows the factors were assessed, not how well.
#include "checks/ai/risk_assessment/check.h"

#include <fmt/format.h>

namespace etguard::ai_checks::risk_assessment {
namespace {

constexpr std::string_view kPartialNodes[] = {"ET-46.1"};

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "ai.risk_assessment",
      .title = {.zh = "AI 系統已就第四十六條第一項各因素完成風險評估",
                .en = "An AI system's risk is assessed on every factor of Art. 46(1)"},
      .node_ids = {},
      .partial_node_ids = kPartialNodes,
      .severity = check::Severity::kMedium,
      .rationale = {.zh = "第四十六條第一項：運用人工智慧系統應以風險基礎為導向，就個別使用情境考量"
                          "各項因素進行風險評估。",
                    .en = "Art. 46(1): each AI use case shall be risk-assessed on the factors the "
                          "clause names."},
      .remediation = {.zh = "於 AI 清冊記錄各因素之等級（details 之 risk_*），再執行 etguard ai "
                            "assess。",
                      .en = "Record each factor's level in the AI register (the risk_* details) "
                            "and run etguard ai assess again."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const AiEvidence& evidence) {
  if (evidence.risk == nullptr) {
    return std::nullopt;
  }
  const RiskReview& risk = *evidence.risk;
  check::Assessment assessment;
  for (const std::string& factor : risk.unrecorded) {
    assessment.add(check::Reason{
        "AI_RISK_FACTOR_UNRECORDED",
        fmt::format("{}: factor '{}' is not recorded with a level of the risk model (counted at "
                    "its worst)",
                    risk.object, factor),
        fmt::format("{}：因素 '{}' 未記錄風險模型之等級（以最高計）", risk.object, factor)});
  }
  assessment.evidence = {{"object", risk.object},
                         {"tier", risk.tier},
                         {"score", risk.score},
                         {"unrecorded", risk.unrecorded}};
  assessment.verdict = risk.unrecorded.empty() ? check::Verdict::kPass : check::Verdict::kFail;
  return assessment;
}

}  // namespace etguard::ai_checks::risk_assessment
