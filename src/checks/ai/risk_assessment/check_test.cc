#include "checks/ai/risk_assessment/check.h"

#include <gtest/gtest.h>

namespace etguard::ai_checks::risk_assessment {
namespace {

TEST(AiRiskAssessment, EveryFactorRecordedPassesAnUnrecordedOneFails) {
  RiskReview risk;
  risk.object = "ai/robo";
  risk.tier = "high";
  risk.score = 14;
  AiEvidence evidence;
  evidence.risk = &risk;
  EXPECT_EQ(evaluate(evidence)->verdict, check::Verdict::kPass);
  risk.unrecorded = {"remedy"};
  const auto assessment = evaluate(evidence);
  ASSERT_TRUE(assessment.has_value());
  EXPECT_EQ(assessment->verdict, check::Verdict::kFail);
  EXPECT_EQ(assessment->reasons[0].en,
            "ai/robo: factor 'remedy' is not recorded with a level of the risk model (counted at "
            "its worst)");
  EXPECT_FALSE(evaluate(AiEvidence{}).has_value());
}

}  // namespace
}  // namespace etguard::ai_checks::risk_assessment
