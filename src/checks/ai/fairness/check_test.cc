#include "checks/ai/fairness/check.h"

#include <gtest/gtest.h>

namespace etguard::ai_checks::fairness {
namespace {

namespace fm = etguard::fairness;

fm::Disparity judged(std::string metric, double value, fm::Judgement judgement,
                     bool uncertain = false) {
  fm::Disparity disparity;
  disparity.metric = std::move(metric);
  disparity.value = value;
  disparity.ci = {value - 0.02, value + 0.02};
  disparity.highest = "A";
  disparity.lowest = "B";
  disparity.limit = fm::Limit{disparity.metric, fm::Limit::Side::kAtLeast, 0.8};
  disparity.judgement = judgement;
  disparity.uncertain = uncertain;
  return disparity;
}

fm::Measurement measured(std::vector<fm::Disparity> disparities) {
  fm::Measurement measurement;
  measurement.source = "decisions.csv";
  measurement.rows = 1000;
  measurement.columns.groups = {"gender"};
  fm::Grouping grouping;
  grouping.columns = {"gender"};
  grouping.disparities = std::move(disparities);
  measurement.groupings.push_back(std::move(grouping));
  return measurement;
}

TEST(AiFairness, PassesWhenEveryJudgedDisparityIsWithinThePolicy) {
  const check::Assessment assessment =
      judge(measured({judged("demographic_parity_ratio", 0.93, fm::Judgement::kPass)}));
  EXPECT_EQ(assessment.verdict, check::Verdict::kPass);
  EXPECT_TRUE(assessment.reasons.empty());
  EXPECT_EQ(assessment.evidence["judged_disparities"], 1);
}

TEST(AiFairness, FailsNamingTheMetricTheGroupsAndTheLimit) {
  const check::Assessment assessment =
      judge(measured({judged("demographic_parity_ratio", 0.5, fm::Judgement::kFail),
                      judged("equal_opportunity_difference", 0.01, fm::Judgement::kPass)}));
  EXPECT_EQ(assessment.verdict, check::Verdict::kFail);
  ASSERT_EQ(assessment.reasons.size(), 1U);
  EXPECT_EQ(assessment.reasons[0].code, "FAIRNESS_DEMOGRAPHIC_PARITY_RATIO");
  EXPECT_NE(assessment.reasons[0].en.find("by gender: 0.5000 (95% CI 0.4800–0.5200), A vs B; "
                                          "the limit is >= 0.8"),
            std::string::npos)
      << assessment.reasons[0].en;
  EXPECT_EQ(assessment.evidence["failing"].size(), 1U);
}

TEST(AiFairness, AnIntervalAcrossTheLimitIsAWarningNotAFailure) {
  const check::Assessment assessment =
      judge(measured({judged("demographic_parity_ratio", 0.81, fm::Judgement::kPass, true)}));
  EXPECT_EQ(assessment.verdict, check::Verdict::kPass);
  ASSERT_EQ(assessment.reasons.size(), 1U);
  EXPECT_TRUE(assessment.reasons[0].warning);
  EXPECT_EQ(assessment.reasons[0].code, "FAIRNESS_UNCERTAIN");
}

TEST(AiFairness, NothingToCompareIsNeverAPass) {
  fm::Disparity unjudged =
      judged("demographic_parity_ratio", fm::kUndefined, fm::Judgement::kNotAssessable);
  const check::Assessment assessment = judge(measured({unjudged}));
  EXPECT_FALSE(evaluate(AiEvidence{}).has_value());  // no measurement: no finding
  EXPECT_EQ(assessment.verdict, check::Verdict::kError);
  ASSERT_EQ(assessment.reasons.size(), 1U);
  EXPECT_EQ(assessment.reasons[0].code, "FAIRNESS_NOT_ASSESSABLE");
}

}  // namespace
}  // namespace etguard::ai_checks::fairness
