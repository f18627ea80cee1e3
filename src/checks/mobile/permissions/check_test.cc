#include "checks/mobile/permissions/check.h"

#include <gtest/gtest.h>

#include "checks/mobile/test_app.h"

namespace etguard::mobile_checks::permissions {
namespace {

using namespace mobile_checks::testing;

TEST(MobilePermissions, PassesWhenEveryDangerousPermissionIsApproved) {
  const auto app = release_build();
  const auto registered = registered_app();
  const auto judged = evaluate({&app, &registered, nullptr, &policy()});
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kPass);
  EXPECT_EQ(judged->evidence["requested"], nlohmann::ordered_json::array({"CAMERA"}));
}

TEST(MobilePermissions, FailsOnAPermissionTheRegisterDoesNotApprove) {
  auto app = release_build();
  app.permissions.emplace_back("android.permission.READ_CONTACTS");
  const auto registered = registered_app();
  const auto judged = evaluate({&app, &registered, nullptr, &policy()});
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kFail);
  ASSERT_TRUE(has_reason(*judged, "APP_PERMISSION_NOT_APPROVED"));
  EXPECT_NE(judged->reasons[0].en.find("READ_CONTACTS"), std::string::npos);
  EXPECT_EQ(judged->reasons[0].en.find("CAMERA"), std::string::npos);
}

TEST(MobilePermissions, AnAdditionSinceThePreviousReleaseFailsUntilApproved) {
  const PreviousRelease previous{"3.0.0", release_build().permissions};
  auto app = release_build();
  app.permissions.emplace_back("android.permission.ACCESS_FINE_LOCATION");
  auto registered = registered_app();
  const auto unapproved = evaluate({&app, &registered, &previous, &policy()});
  ASSERT_TRUE(unapproved);
  EXPECT_EQ(unapproved->verdict, Verdict::kFail);
  EXPECT_TRUE(has_reason(*unapproved, "APP_PERMISSION_ADDED"));
  registered.permissions.emplace_back("android.permission.ACCESS_FINE_LOCATION");
  const auto approved = evaluate({&app, &registered, &previous, &policy()});
  ASSERT_TRUE(approved);
  EXPECT_EQ(approved->verdict, Verdict::kPass);
  EXPECT_TRUE(has_reason(*approved, "APP_PERMISSION_ADDED_APPROVED"));
}

TEST(MobilePermissions, WithoutARegisterEntryItCannotJudge) {
  const auto app = release_build();
  const auto judged = evaluate({&app, nullptr, nullptr, &policy()});
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kError);
}

}  // namespace
}  // namespace etguard::mobile_checks::permissions
