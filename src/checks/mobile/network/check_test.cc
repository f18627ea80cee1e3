#include "checks/mobile/network/check.h"

#include <gtest/gtest.h>

#include "checks/mobile/test_app.h"

namespace etguard::mobile_checks::network {
namespace {

using namespace mobile_checks::testing;

TEST(MobileNetwork, PinnedTlsOnlyPasses) {
  auto app = release_build();
  app.code_strings.add("http://schemas.android.com/apk/res/android");  // a namespace, not a server
  const auto judged = evaluate({&app, nullptr, nullptr, &policy()});
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kPass) << judged->reasons.size();
}

TEST(MobileNetwork, CleartextUserCasAndHttpEndpointsFail) {
  auto app = release_build();
  app.network_security.base_cleartext = true;
  app.network_security.trusts_user_certificates = true;
  app.network_security.cleartext_domains = {"quote.example.com.tw"};
  app.network_security.pins_certificates = false;
  app.code_strings.add("http://quote.example.com.tw/v1");
  const auto judged = evaluate({&app, nullptr, nullptr, &policy()});
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kFail);
  for (const char* code : {"APP_CLEARTEXT_ALLOWED", "APP_CLEARTEXT_DOMAINS", "APP_TRUSTS_USER_CAS",
                           "APP_HTTP_ENDPOINT", "APP_NO_PINNING"}) {
    EXPECT_TRUE(has_reason(*judged, code)) << code;
  }
}

TEST(MobileNetwork, ThePlatformDefaultsOfOldTargetsCount) {
  auto app = release_build();
  app.network_security = {};  // no configuration
  app.target_sdk = 23;        // cleartext allowed, user CAs trusted by default
  const auto judged = evaluate({&app, nullptr, nullptr, &policy()});
  ASSERT_TRUE(judged);
  EXPECT_TRUE(has_reason(*judged, "APP_CLEARTEXT_ALLOWED"));
  EXPECT_TRUE(has_reason(*judged, "APP_TRUSTS_USER_CAS"));
  app.target_sdk = 34;
  app.uses_cleartext_traffic = false;
  const auto modern = evaluate({&app, nullptr, nullptr, &policy()});
  ASSERT_TRUE(modern);
  EXPECT_FALSE(has_reason(*modern, "APP_CLEARTEXT_ALLOWED"));
  EXPECT_FALSE(has_reason(*modern, "APP_TRUSTS_USER_CAS"));
}

TEST(MobileNetwork, AppTransportSecurityOffOrLoweredFails) {
  auto app = ios_release();
  AppEvidence evidence{nullptr, nullptr, nullptr, &policy()};
  evidence.ios = &app;
  EXPECT_EQ(evaluate(evidence)->verdict, Verdict::kPass);
  app.ats_arbitrary_loads = true;
  app.ats_exceptions = {{"quote.example.com.tw", true, "TLSv1.1"}};
  app.ats_pinning = false;
  const auto judged = evaluate(evidence);
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kFail);
  for (const char* code :
       {"APP_CLEARTEXT_ALLOWED", "APP_CLEARTEXT_DOMAINS", "APP_WEAK_TLS", "APP_NO_PINNING"}) {
    EXPECT_TRUE(has_reason(*judged, code)) << code;
  }
}

}  // namespace
}  // namespace etguard::mobile_checks::network
