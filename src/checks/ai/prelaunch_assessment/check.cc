// ai.prelaunch_assessment: an AI system that interacts directly with
// consumers has its pre-launch assessment recorded. Partly ET-46.4: the
// register's date of the assessment, not its content (data governance,
// security, oversight, consumer protection, incident response, from the
// security, compliance and risk perspectives).
#include "checks/ai/prelaunch_assessment/check.h"

#include <fmt/format.h>

namespace etguard::ai_checks::prelaunch_assessment {
namespace {

constexpr std::string_view kPartialNodes[] = {"ET-46.4"};

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "ai.prelaunch_assessment",
      .title = {.zh = "與消費者直接互動之 AI 系統於上線前完成評估",
                .en = "A consumer-facing AI system was assessed before launch"},
      .node_ids = {},
      .partial_node_ids = kPartialNodes,
      .severity = check::Severity::kHigh,
      .rationale = {.zh = "第四十六條第四項：運用人工智慧系統提供與消費者直接互動之金融服務前，應就"
                          "資安、法遵及風控等層面進行評估。",
                    .en = "Art. 46(4): before an AI system provides financial services that "
                          "interact directly with consumers, it shall be assessed from the "
                          "security, compliance and risk perspectives."},
      .remediation = {.zh =
                          "完成上線前聯合評估並於 AI 清冊記錄日期（dates.prelaunch_assessment）。",
                      .en = "Carry out the joint pre-launch assessment and record its date in "
                            "the AI register (dates.prelaunch_assessment)."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const AiEvidence& evidence) {
  if (evidence.risk == nullptr || !evidence.risk->customer_facing) {
    return std::nullopt;
  }
  const RiskReview& risk = *evidence.risk;
  check::Assessment assessment;
  if (risk.prelaunch_assessment.empty()) {
    assessment.add(check::Reason{
        "AI_PRELAUNCH_NONE",
        fmt::format("{}: interacts with consumers, and no pre-launch assessment is recorded "
                    "(dates.prelaunch_assessment)",
                    risk.object),
        fmt::format("{}：與消費者直接互動，但無上線前評估紀錄（dates.prelaunch_assessment）",
                    risk.object)});
  }
  assessment.evidence = {{"object", risk.object},
                         {"prelaunch_assessment", risk.prelaunch_assessment}};
  assessment.verdict = assessment.reasons.empty() ? check::Verdict::kPass : check::Verdict::kFail;
  return assessment;
}

}  // namespace etguard::ai_checks::prelaunch_assessment
