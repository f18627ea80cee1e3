#include "checks/authlog/multi_factor/check.h"

#include <gtest/gtest.h>

namespace etguard::authlog_checks::multi_factor {
namespace {

authlog::Finding finding(const char* type) {
  authlog::Finding result;
  result.type = type;
  return result;
}

TEST(AuthlogMultiFactorCheck, ItsFindingsDecideAndOthersDoNot) {
  const authlog::DailySummary summary;
  std::vector<authlog::Finding> findings{finding("single_factor_login"),
                                         finding("some_other_type")};
  DayResult day{&findings, &summary, 100, 0};
  const check::Assessment with = evaluate(day);
  EXPECT_EQ(with.verdict, check::Verdict::kFail);
  ASSERT_EQ(with.reasons.size(), 1U);
  EXPECT_EQ(with.reasons[0].code, "SINGLE_FACTOR_LOGIN");
  EXPECT_EQ(with.evidence["findings"]["single_factor_login"], 1);

  std::vector<authlog::Finding> other{finding("some_other_type")};
  DayResult clean{&other, &summary, 100, 0};
  EXPECT_EQ(evaluate(clean).verdict, check::Verdict::kPass);
  EXPECT_TRUE(evaluate(clean).reasons.empty());

  DayResult empty{&other, &summary, 0, 0};
  EXPECT_EQ(evaluate(empty).verdict, check::Verdict::kError);
}

}  // namespace
}  // namespace etguard::authlog_checks::multi_factor
