#include "checks/mobile/secrets/check.h"

#include <gtest/gtest.h>

#include "checks/mobile/test_app.h"

namespace etguard::mobile_checks::secrets {
namespace {

using namespace mobile_checks::testing;

TEST(MobileSecrets, NotScannedIsNoFinding) {
  const auto app = release_build();
  EXPECT_FALSE(evaluate({&app, nullptr, nullptr, &policy()}));
}

TEST(MobileSecrets, CleanPassesAndHitsFailMasked) {
  const auto app = release_build();
  std::vector<SensitiveString> none;
  AppEvidence evidence{&app, nullptr, nullptr, &policy(), &none};
  const auto clean = evaluate(evidence);
  ASSERT_TRUE(clean);
  EXPECT_EQ(clean->verdict, Verdict::kPass);
  std::vector<SensitiveString> found{
      {"classes.dex", "AWS_ACCESS_KEY", "AKIA****************", true},
      {"resources.arsc", "TW_NATIONAL_ID", "A1********", false}};
  evidence.sensitive = &found;
  const auto judged = evaluate(evidence);
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kFail);
  EXPECT_TRUE(has_reason(*judged, "APP_HARDCODED_CREDENTIAL"));
  EXPECT_TRUE(has_reason(*judged, "APP_PERSONAL_DATA"));
}

}  // namespace
}  // namespace etguard::mobile_checks::secrets
