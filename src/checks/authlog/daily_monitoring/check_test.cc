#include "checks/authlog/daily_monitoring/check.h"

#include "checks/authlog/check_test_support.h"

namespace etguard::authlog_checks::daily_monitoring {
namespace {

TEST(AuthlogDailyMonitoringCheck, ItsFindingsDecideAndOthersDoNot) {
  expect_decides(&evaluate, "brute_force", "W_BRUTE_FORCE", check::Verdict::kPass);
}

}  // namespace
}  // namespace etguard::authlog_checks::daily_monitoring
