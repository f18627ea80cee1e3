#include "checks/authlog/notification/check.h"

#include <gtest/gtest.h>

namespace etguard::authlog_checks::notification {
namespace {

authlog::Finding finding(const char* type) {
  authlog::Finding result;
  result.type = type;
  return result;
}

TEST(AuthlogNotificationCheck, ItsFindingsDecideAndOthersDoNot) {
  const authlog::DailySummary summary;
  std::vector<authlog::Finding> findings{finding("login_without_notification"),
                                         finding("some_other_type")};
  DayResult day{&findings, &summary, 100, 0};
  const check::Assessment with = evaluate(day);
  EXPECT_EQ(with.verdict, check::Verdict::kFail);
  ASSERT_EQ(with.reasons.size(), 1U);
  EXPECT_EQ(with.reasons[0].code, "LOGIN_WITHOUT_NOTIFICATION");
  EXPECT_EQ(with.evidence["findings"]["login_without_notification"], 1);

  std::vector<authlog::Finding> other{finding("some_other_type")};
  DayResult clean{&other, &summary, 100, 0};
  EXPECT_EQ(evaluate(clean).verdict, check::Verdict::kPass);
  EXPECT_TRUE(evaluate(clean).reasons.empty());

  DayResult empty{&other, &summary, 0, 0};
  EXPECT_EQ(evaluate(empty).verdict, check::Verdict::kError);
}

}  // namespace
}  // namespace etguard::authlog_checks::notification
