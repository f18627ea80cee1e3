#include "checks/mobile/lab_test/check.h"

#include <gtest/gtest.h>

#include "checks/mobile/test_app.h"

namespace etguard::mobile_checks::lab_test {
namespace {

using namespace mobile_checks::testing;

TEST(MobileLabTest, ATestWithinTheYearPasses) {
  const auto app = release_build();
  const auto registered = registered_app();
  const auto judged = evaluate({&app, &registered, nullptr, &policy()});
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kPass);
}

TEST(MobileLabTest, MissingExpiredAndFutureTestsFail) {
  const auto app = release_build();
  auto registered = registered_app();
  for (const auto& [date, code] :
       {std::pair{"", "APP_NO_LAB_TEST"}, std::pair{"2025-12-06", "APP_LAB_TEST_EXPIRED"},
        std::pair{"2027-01-01", "APP_LAB_TEST_FUTURE"}}) {
    registered.last_lab_test = date;
    const auto judged = evaluate({&app, &registered, nullptr, &policy()});
    ASSERT_TRUE(judged);
    EXPECT_EQ(judged->verdict, Verdict::kFail) << date;
    EXPECT_TRUE(has_reason(*judged, code)) << date;
  }
  registered.last_lab_test = "2025-12-07";  // exactly a year before: still within
  const auto edge = evaluate({&app, &registered, nullptr, &policy()});
  ASSERT_TRUE(edge);
  EXPECT_EQ(edge->verdict, Verdict::kPass);
}

TEST(MobileLabTest, InternalAppsAreNotBound) {
  const auto app = release_build();
  auto registered = registered_app();
  registered.customer_facing = false;
  registered.last_lab_test.clear();
  const auto judged = evaluate({&app, &registered, nullptr, &policy()});
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kNotApplicable);
}

}  // namespace
}  // namespace etguard::mobile_checks::lab_test
