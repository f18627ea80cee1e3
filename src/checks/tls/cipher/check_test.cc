#include "checks/tls/cipher/check.h"

#include <gtest/gtest.h>

#include <array>

#include "checks/output.h"
#include "checks/tls/test_profiles.h"

namespace etguard::tls_checks::cipher {
namespace {

using testing::compliant_profile;
using testing::suite;
using Codes = std::vector<std::string>;

TEST(TlsCipherCheck, PassesWithAesGcm) {
  const auto assessment = evaluate(compliant_profile(), {});
  EXPECT_EQ(assessment.verdict, check::Verdict::kPass);
  EXPECT_EQ(assessment.evidence["TLSv1.2"]["order"], "server");
}

TEST(TlsCipherCheck, CbcWithSha256PassesAndWithSha1Fails) {
  auto profile = compliant_profile();
  testing::protocol(profile, tls::kTls12)
      .suites.push_back(suite(0xC027));  // ECDHE-RSA-AES128-SHA256
  EXPECT_EQ(evaluate(profile, {}).verdict, check::Verdict::kPass);
  testing::protocol(profile, tls::kTls12).suites.push_back(suite(0xC013));  // ECDHE-RSA-AES128-SHA
  EXPECT_EQ(check::failure_codes(evaluate(profile, {})), Codes{"MAC_SHA1"});
  TlsPolicy lenient;
  lenient.sha1_mac_fails = false;
  EXPECT_EQ(evaluate(profile, lenient).verdict, check::Verdict::kPass);
}

TEST(TlsCipherCheck, BrokenCiphersAndShortTagsFail) {
  for (const std::uint16_t code :
       std::array<std::uint16_t, 6>{0xC012, 0xC011, 0x0009, 0xC0AE, 0x1305, 0x0002}) {
    auto profile = compliant_profile();
    testing::protocol(profile, code >> 8 == 0x13 ? tls::kTls13 : tls::kTls12)
        .suites.push_back(suite(code));
    const auto codes = check::failure_codes(evaluate(profile, {}));
    ASSERT_FALSE(codes.empty()) << code;
    EXPECT_EQ(codes.front(), "CIPHER_WEAK") << code;
  }
}

TEST(TlsCipherCheck, ChaChaAndCamelliaFollowThePolicy) {
  auto profile = compliant_profile();
  testing::protocol(profile, tls::kTls12).suites.push_back(suite(0xCCA8));
  testing::protocol(profile, tls::kTls12)
      .suites.push_back(suite(0xC08A));  // ECDHE-RSA-CAMELLIA128-GCM
  EXPECT_EQ(evaluate(profile, {}).verdict, check::Verdict::kPass);
  TlsPolicy strict;
  strict.admit_chacha20 = false;
  strict.admit_camellia_aria = false;
  const auto assessment = evaluate(profile, strict);
  EXPECT_EQ(check::failure_codes(assessment), Codes{"CIPHER_WEAK"});
  EXPECT_NE(assessment.reasons[0].en.find("CHACHA20"), std::string::npos);
  EXPECT_NE(assessment.reasons[0].en.find("CAMELLIA"), std::string::npos);
}

TEST(TlsCipherCheck, ServerPreferringAWeakSuite) {
  auto profile = compliant_profile();
  auto& tls12 = testing::protocol(profile, tls::kTls12);
  tls12.suites.insert(tls12.suites.begin(), suite(0x002F, std::nullopt, std::nullopt));
  EXPECT_EQ(check::failure_codes(evaluate(profile, {})), (Codes{"MAC_SHA1", "PREFERS_WEAK"}));
  tls12.server_order = false;  // the client decides: nothing is preferred by the server
  EXPECT_EQ(check::failure_codes(evaluate(profile, {})), Codes{"MAC_SHA1"});
  tls12.server_order.reset();
  EXPECT_EQ(check::warning_codes(evaluate(profile, {})), Codes{"W_SERVER_ORDER_UNKNOWN"});
}

}  // namespace
}  // namespace etguard::tls_checks::cipher
