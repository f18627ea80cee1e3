#include "checks/mobile/components/check.h"

#include <gtest/gtest.h>

#include "checks/mobile/test_app.h"

namespace etguard::mobile_checks::components {
namespace {

using namespace mobile_checks::testing;

TEST(MobileComponents, TheLauncherAloneMayBeOpen) {
  const auto app = release_build();
  const auto judged = evaluate({&app, nullptr, nullptr, &policy()});
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kPass);
}

TEST(MobileComponents, AnExportedServiceWithoutAPermissionFails) {
  auto app = release_build();
  app.components.push_back({"service", ".QuoteSync", true, true, false, ""});
  app.components.push_back({"receiver", ".Push", true, false, false, "tw.example.PUSH"});
  const auto judged = evaluate({&app, nullptr, nullptr, &policy()});
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kFail);
  ASSERT_TRUE(has_reason(*judged, "APP_EXPORTED_WITHOUT_PERMISSION"));
  EXPECT_NE(judged->reasons[0].en.find("service .QuoteSync"), std::string::npos);
  EXPECT_EQ(judged->reasons[0].en.find(".Push"), std::string::npos);
}

TEST(MobileComponents, IosUrlSchemesAreAWarning) {
  auto app = ios_release();
  AppEvidence evidence{nullptr, nullptr, nullptr, &policy()};
  evidence.ios = &app;
  EXPECT_TRUE(evaluate(evidence)->reasons.empty());
  app.url_schemes = {"twtrade"};
  const auto judged = evaluate(evidence);
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kPass);
  EXPECT_TRUE(has_reason(*judged, "APP_URL_SCHEMES"));
}

}  // namespace
}  // namespace etguard::mobile_checks::components
