// ai.periodic_review: an AI system was last reviewed within the interval its
// risk tier sets. Partly ET-46.2 and ET-46.3: the register's date of the last
// review, not the review's content (purpose, risk level, data and model
// quality, security, fairness, transparency).
#include "checks/ai/periodic_review/check.h"

#include <fmt/format.h>

namespace etguard::ai_checks::periodic_review {
namespace {

constexpr std::string_view kPartialNodes[] = {"ET-46.2", "ET-46.3"};

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "ai.periodic_review",
      .title = {.zh = "AI 系統依其風險等級定期審查",
                .en = "An AI system is reviewed as often as its risk tier asks"},
      .node_ids = {},
      .partial_node_ids = kPartialNodes,
      .severity = check::Severity::kMedium,
      .rationale = {.zh =
                        "第四十六條第二、三項：依風險評估結果建立定期審查機制，審查是否符合原先運用"
                        "目的及風險程度。",
                    .en = "Art. 46(2), (3): a periodic review by the result of the risk "
                          "assessment, of whether the system still fits its purpose and risk "
                          "level."},
      .remediation = {.zh = "辦理審查並於 AI 清冊記錄日期（dates.last_review）。",
                      .en = "Carry out the review and record its date in the AI register "
                            "(dates.last_review)."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const AiEvidence& evidence) {
  if (evidence.risk == nullptr) {
    return std::nullopt;
  }
  const RiskReview& risk = *evidence.risk;
  check::Assessment assessment;
  if (risk.last_review.empty()) {
    assessment.add(check::Reason{
        "AI_REVIEW_NONE",
        fmt::format("{}: no review recorded (dates.last_review); {} tier: every {} months",
                    risk.object, risk.tier, risk.review_months),
        fmt::format("{}：無審查紀錄（dates.last_review）；{} 等級：每 {} 個月", risk.object,
                    risk.tier, risk.review_months)});
  } else if (risk.next_review < risk.today) {
    assessment.add(check::Reason{
        "AI_REVIEW_OVERDUE",
        fmt::format("{}: last reviewed {}, due {} ({} tier: every {} months)", risk.object,
                    risk.last_review, risk.next_review, risk.tier, risk.review_months),
        fmt::format("{}：上次審查 {}，應於 {} 前再審（{} 等級：每 {} 個月）", risk.object,
                    risk.last_review, risk.next_review, risk.tier, risk.review_months)});
  }
  assessment.evidence = {{"object", risk.object},
                         {"tier", risk.tier},
                         {"review_months", risk.review_months},
                         {"last_review", risk.last_review},
                         {"next_review", risk.next_review},
                         {"as_of", risk.today}};
  assessment.verdict = assessment.reasons.empty() ? check::Verdict::kPass : check::Verdict::kFail;
  return assessment;
}

}  // namespace etguard::ai_checks::periodic_review
