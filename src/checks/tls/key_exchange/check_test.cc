#include "checks/tls/key_exchange/check.h"

#include <gtest/gtest.h>

#include "checks/output.h"
#include "checks/tls/test_profiles.h"

namespace etguard::tls_checks::key_exchange {
namespace {

using testing::compliant_profile;
using testing::suite;
using Codes = std::vector<std::string>;

TEST(TlsKeyExchangeCheck, PassesWithEcdheOverStrongGroups) {
  EXPECT_EQ(evaluate(compliant_profile(), {}).verdict, check::Verdict::kPass);
}

TEST(TlsKeyExchangeCheck, RsaTransportAndDheAreNotEcdhe) {
  auto profile = compliant_profile();
  testing::protocol(profile, tls::kTls12)
      .suites.push_back(suite(0x009C, std::nullopt, std::nullopt));
  auto dhe = suite(0x009E, std::nullopt);
  dhe.dh_bits = 3072;
  testing::protocol(profile, tls::kTls12).suites.push_back(dhe);
  const auto assessment = evaluate(profile, {});
  EXPECT_EQ(check::failure_codes(assessment), Codes{"KX_NOT_ECDHE"});
  EXPECT_NE(assessment.reasons[0].en.find("TLS_RSA_WITH_AES_128_GCM_SHA256"), std::string::npos);
  EXPECT_NE(assessment.reasons[0].en.find("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
            std::string::npos);
}

TEST(TlsKeyExchangeCheck, PolicyCanAdmitLargeFiniteFieldGroupsButNotSmallOnes) {
  auto profile = compliant_profile();
  auto dhe = suite(0x009E, std::nullopt);
  dhe.dh_bits = 1024;
  testing::protocol(profile, tls::kTls12).suites.push_back(dhe);
  TlsPolicy lenient;
  lenient.finite_field_dh_fails = false;
  EXPECT_EQ(check::failure_codes(evaluate(profile, lenient)), Codes{"KX_GROUP_WEAK"});
  testing::protocol(profile, tls::kTls12).suites.back().dh_bits = 2048;
  EXPECT_EQ(evaluate(profile, lenient).verdict, check::Verdict::kPass);
}

TEST(TlsKeyExchangeCheck, Tls13FiniteFieldGroupsFailUnderTheDefaultPolicy) {
  auto profile = compliant_profile();
  testing::protocol(profile, tls::kTls13).groups.push_back(256);
  EXPECT_EQ(check::failure_codes(evaluate(profile, {})), Codes{"KX_TLS13_FFDHE"});
  TlsPolicy lenient;
  lenient.finite_field_dh_fails = false;
  EXPECT_EQ(evaluate(profile, lenient).verdict, check::Verdict::kPass);
}

TEST(TlsKeyExchangeCheck, WeakCurvesFailAndX25519FollowsThePolicy) {
  auto profile = compliant_profile();
  testing::protocol(profile, tls::kTls12).groups.push_back(21);  // secp224r1
  EXPECT_EQ(check::failure_codes(evaluate(profile, {})), Codes{"KX_GROUP_WEAK"});
  TlsPolicy strict;
  strict.admit_curve25519_448 = false;
  const auto assessment = evaluate(compliant_profile(), strict);  // TLS 1.3 uses x25519
  EXPECT_EQ(check::failure_codes(assessment), Codes{"KX_GROUP_WEAK"});
  EXPECT_NE(assessment.reasons[0].en.find("x25519"), std::string::npos);
}

TEST(TlsKeyExchangeCheck, AnonymousExchangesFail) {
  auto profile = compliant_profile();
  testing::protocol(profile, tls::kTls12).suites.push_back(suite(0xC018, 23, std::nullopt));
  const auto codes = check::failure_codes(evaluate(profile, {}));
  EXPECT_EQ(codes, Codes{"KX_ANON"});
}

TEST(TlsKeyExchangeCheck, NotApplicableWithoutTls) {
  tls::TlsProfile profile;
  profile.reachable = true;
  EXPECT_EQ(evaluate(profile, {}).verdict, check::Verdict::kNotApplicable);
}

}  // namespace
}  // namespace etguard::tls_checks::key_exchange
