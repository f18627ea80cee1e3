#include "checks/authlog/lockout/check.h"

#include "checks/authlog/check_test_support.h"

namespace etguard::authlog_checks::lockout {
namespace {

TEST(AuthlogLockoutCheck, ItsFindingsDecideAndOthersDoNot) {
  expect_decides(&evaluate, "lockout_not_enforced", "LOCKOUT_NOT_ENFORCED", check::Verdict::kFail);
}

}  // namespace
}  // namespace etguard::authlog_checks::lockout
