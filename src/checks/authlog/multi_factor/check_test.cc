#include "checks/authlog/multi_factor/check.h"

#include "checks/authlog/check_test_support.h"

namespace etguard::authlog_checks::multi_factor {
namespace {

TEST(AuthlogMultiFactorCheck, ItsFindingsDecideAndOthersDoNot) {
  expect_decides(&evaluate, "single_factor_login", "SINGLE_FACTOR_LOGIN", check::Verdict::kFail);
}

}  // namespace
}  // namespace etguard::authlog_checks::multi_factor
