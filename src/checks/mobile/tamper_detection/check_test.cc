#include "checks/mobile/tamper_detection/check.h"

#include <gtest/gtest.h>

#include "checks/mobile/test_app.h"

namespace etguard::mobile_checks::tamper_detection {
namespace {

using namespace mobile_checks::testing;

TEST(MobileTamperDetection, AKnownDetectionApiPassesAndIsNamed) {
  const auto app = release_build();
  const auto judged = evaluate({&app, nullptr, nullptr, &policy()});
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kPass);
  EXPECT_NE(judged->reasons.at(0).en.find("Play Integrity API"), std::string::npos);
}

TEST(MobileTamperDetection, NothingFoundIsAFailNotAPass) {
  auto app = release_build();
  app.code_strings = mobile::StringTable{"https://api.example.com.tw/"};
  const auto judged = evaluate({&app, nullptr, nullptr, &policy()});
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kFail);
  EXPECT_TRUE(has_reason(*judged, "APP_NO_TAMPER_DETECTION"));
}

}  // namespace
}  // namespace etguard::mobile_checks::tamper_detection
