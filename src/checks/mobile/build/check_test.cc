#include "checks/mobile/build/check.h"

#include <gtest/gtest.h>

#include "checks/mobile/test_app.h"

namespace etguard::mobile_checks::build {
namespace {

using namespace mobile_checks::testing;

TEST(MobileBuild, AReleaseBuildPasses) {
  const auto app = release_build();
  const auto judged = evaluate({&app, nullptr, nullptr, &policy()});
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kPass);
}

TEST(MobileBuild, DebuggableBackupsAndAnOldFloorFail) {
  auto app = release_build();
  app.debuggable = true;
  app.allow_backup.reset();  // unset is true
  app.min_sdk = 19;
  const auto judged = evaluate({&app, nullptr, nullptr, &policy()});
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kFail);
  EXPECT_TRUE(has_reason(*judged, "APP_DEBUGGABLE"));
  EXPECT_TRUE(has_reason(*judged, "APP_BACKUP_ALLOWED"));
  EXPECT_TRUE(has_reason(*judged, "APP_MIN_SDK_LOW"));
}

TEST(MobileBuild, WebViewDebuggingIsAWarning) {
  auto app = release_build();
  app.code_strings.add("setWebContentsDebuggingEnabled");
  const auto judged = evaluate({&app, nullptr, nullptr, &policy()});
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kPass);
  EXPECT_TRUE(has_reason(*judged, "APP_WEBVIEW_DEBUGGING"));
}

TEST(MobileBuild, AnIosReleaseIsJudgedByItsProfileAndMinimumOs) {
  auto app = ios_release();
  AppEvidence evidence{nullptr, nullptr, nullptr, &policy()};
  evidence.ios = &app;
  const auto release = evaluate(evidence);
  ASSERT_TRUE(release);
  EXPECT_EQ(release->verdict, Verdict::kPass);
  app.profile.get_task_allow = true;
  app.minimum_os = "12.4.1";  // below 15.0, compared by component
  const auto debug = evaluate(evidence);
  ASSERT_TRUE(debug);
  EXPECT_TRUE(has_reason(*debug, "APP_DEBUGGABLE"));
  EXPECT_TRUE(has_reason(*debug, "APP_MIN_OS_LOW"));
  app.minimum_os = "15.10";  // 15.10 is after 15.2: not a decimal
  app.profile.get_task_allow = false;
  EXPECT_EQ(evaluate(evidence)->verdict, Verdict::kPass);
}

}  // namespace
}  // namespace etguard::mobile_checks::build
