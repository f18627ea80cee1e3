#include "checks/authlog/password_age/check.h"

#include "checks/authlog/check_test_support.h"

namespace etguard::authlog_checks::password_age {
namespace {

TEST(AuthlogPasswordAgeCheck, ItsFindingsDecideAndOthersDoNot) {
  expect_decides(&evaluate, "stale_password_not_prompted", "STALE_PASSWORD_NOT_PROMPTED",
                 check::Verdict::kFail);
}

}  // namespace
}  // namespace etguard::authlog_checks::password_age
