#include "checks/ai/sensitive_parameters/check.h"

#include <gtest/gtest.h>

namespace etguard::ai_checks::sensitive_parameters {
namespace {

namespace fm = etguard::fairness;

fm::Feature feature(std::string name, bool assessed, bool complete = true) {
  fm::Feature result;
  result.name = std::move(name);
  result.line = 3;
  result.attributes = fm::match_attributes(result, fm::protected_attributes());
  result.has_necessity = assessed;
  if (assessed) {
    result.necessity = {"stored encrypted", complete ? "allowed by the credit rules" : "",
                        "limits reviewed", "Risk Committee", "2026-11-02"};
  }
  return result;
}

fm::FeatureReview review(std::vector<fm::Feature> features) {
  fm::FeatureReview result;
  result.source = "model.yaml";
  result.model = "credit-v3";
  result.features = std::move(features);
  return result;
}

TEST(AiSensitiveParameters, PassesWhenEverySensitiveInputIsAssessed) {
  const check::Assessment assessment =
      judge(review({feature("income", false), feature("applicant_age", true)}));
  EXPECT_EQ(assessment.verdict, check::Verdict::kPass);
  ASSERT_EQ(assessment.evidence["sensitive"].size(), 1U);
  EXPECT_EQ(assessment.evidence["sensitive"][0]["attributes"][0], "age");
  EXPECT_EQ(assessment.evidence["sensitive"][0]["approved_by"], "Risk Committee");
}

TEST(AiSensitiveParameters, FailsForAnUnassessedOrIncompleteInput) {
  const check::Assessment assessment =
      judge(review({feature("customerGender", false), feature("郵遞區號", true, false),
                    feature("page_views", false)}));
  EXPECT_EQ(assessment.verdict, check::Verdict::kFail);
  ASSERT_EQ(assessment.reasons.size(), 2U);
  EXPECT_EQ(assessment.reasons[0].code, "AI_SENSITIVE_NOT_ASSESSED");
  EXPECT_EQ(assessment.reasons[0].en,
            "model.yaml:3: input 'customerGender' (sex) has no necessity assessment");
  EXPECT_EQ(assessment.reasons[1].code, "AI_SENSITIVE_ASSESSMENT_INCOMPLETE");
  EXPECT_NE(assessment.reasons[1].zh.find("居住所"), std::string::npos);
  EXPECT_NE(assessment.reasons[1].en.find("lacks the compliance perspective"), std::string::npos);
  EXPECT_FALSE(evaluate(AiEvidence{}).has_value());
}

}  // namespace
}  // namespace etguard::ai_checks::sensitive_parameters
