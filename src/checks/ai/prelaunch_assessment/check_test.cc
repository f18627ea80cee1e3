#include "checks/ai/prelaunch_assessment/check.h"

#include <gtest/gtest.h>

namespace etguard::ai_checks::prelaunch_assessment {
namespace {

TEST(AiPrelaunchAssessment, OnlyForConsumerFacingSystems) {
  RiskReview risk;
  risk.object = "ai/aml";
  AiEvidence evidence;
  evidence.risk = &risk;
  EXPECT_FALSE(evaluate(evidence).has_value());
  risk.customer_facing = true;
  EXPECT_EQ(evaluate(evidence)->verdict, check::Verdict::kFail);
  EXPECT_EQ(evaluate(evidence)->reasons[0].code, "AI_PRELAUNCH_NONE");
  risk.prelaunch_assessment = "2025-09-30";
  EXPECT_EQ(evaluate(evidence)->verdict, check::Verdict::kPass);
}

}  // namespace
}  // namespace etguard::ai_checks::prelaunch_assessment
