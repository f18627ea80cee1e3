#include "checks/authlog/notification/check.h"

#include "checks/authlog/check_test_support.h"

namespace etguard::authlog_checks::notification {
namespace {

TEST(AuthlogNotificationCheck, ItsFindingsDecideAndOthersDoNot) {
  expect_decides(&evaluate, "login_without_notification", "LOGIN_WITHOUT_NOTIFICATION",
                 check::Verdict::kFail);
}

}  // namespace
}  // namespace etguard::authlog_checks::notification
