#include "checks/ai/periodic_review/check.h"

#include <gtest/gtest.h>

namespace etguard::ai_checks::periodic_review {
namespace {

TEST(AiPeriodicReview, DueByTheTiersInterval) {
  RiskReview risk;
  risk.object = "ai/robo";
  risk.tier = "high";
  risk.review_months = 6;
  risk.last_review = "2026-05-20";
  risk.next_review = "2026-11-20";
  risk.today = "2026-11-20";
  AiEvidence evidence;
  evidence.risk = &risk;
  EXPECT_EQ(evaluate(evidence)->verdict, check::Verdict::kPass);  // due today: not yet overdue
  risk.today = "2026-11-21";
  const auto overdue = evaluate(evidence);
  EXPECT_EQ(overdue->verdict, check::Verdict::kFail);
  EXPECT_EQ(overdue->reasons[0].code, "AI_REVIEW_OVERDUE");
  risk.last_review.clear();
  risk.next_review.clear();
  EXPECT_EQ(evaluate(evidence)->reasons[0].code, "AI_REVIEW_NONE");
}

}  // namespace
}  // namespace etguard::ai_checks::periodic_review
