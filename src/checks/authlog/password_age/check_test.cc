#include "checks/authlog/password_age/check.h"

#include <gtest/gtest.h>

namespace etguard::authlog_checks::password_age {
namespace {

authlog::Finding finding(const char* type) {
  authlog::Finding result;
  result.type = type;
  return result;
}

TEST(AuthlogPasswordAgeCheck, ItsFindingsDecideAndOthersDoNot) {
  const authlog::DailySummary summary;
  std::vector<authlog::Finding> findings{finding("stale_password_not_prompted"),
                                         finding("some_other_type")};
  DayResult day{&findings, &summary, 100, 0};
  const check::Assessment with = evaluate(day);
  EXPECT_EQ(with.verdict, check::Verdict::kFail);
  ASSERT_EQ(with.reasons.size(), 1U);
  EXPECT_EQ(with.reasons[0].code, "STALE_PASSWORD_NOT_PROMPTED");
  EXPECT_EQ(with.evidence["findings"]["stale_password_not_prompted"], 1);

  std::vector<authlog::Finding> other{finding("some_other_type")};
  DayResult clean{&other, &summary, 100, 0};
  EXPECT_EQ(evaluate(clean).verdict, check::Verdict::kPass);
  EXPECT_TRUE(evaluate(clean).reasons.empty());

  DayResult empty{&other, &summary, 0, 0};
  EXPECT_EQ(evaluate(empty).verdict, check::Verdict::kError);
}

}  // namespace
}  // namespace etguard::authlog_checks::password_age
