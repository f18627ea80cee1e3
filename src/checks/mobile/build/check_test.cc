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

}  // namespace
}  // namespace etguard::mobile_checks::build
