#include "checks/tls/handshake_signature/check.h"

#include <gtest/gtest.h>

#include "checks/output.h"
#include "checks/tls/test_profiles.h"

namespace etguard::tls_checks::handshake_signature {
namespace {

using testing::compliant_profile;
using Codes = std::vector<std::string>;

TEST(TlsHandshakeSignatureCheck, PassesWithSha256Schemes) {
  EXPECT_EQ(evaluate(compliant_profile(), {}).verdict, check::Verdict::kPass);
}

TEST(TlsHandshakeSignatureCheck, ChoosingSha1OverAnOfferedSha256Fails) {
  auto profile = compliant_profile();
  profile.handshake_schemes.push_back(0x0201);
  EXPECT_EQ(check::failure_codes(evaluate(profile, {})), Codes{"SIG_SHA1"});
  profile.handshake_schemes = {0x0303};  // ecdsa_sha224
  EXPECT_EQ(check::failure_codes(evaluate(profile, {})), Codes{"SIG_WEAK"});
}

TEST(TlsHandshakeSignatureCheck, AcceptingSha1WhenOfferedNothingElseIsAWarning) {
  auto profile = compliant_profile();
  profile.sha1_only_scheme = 0x0201;
  const auto assessment = evaluate(profile, {});
  EXPECT_EQ(assessment.verdict, check::Verdict::kPass);
  EXPECT_EQ(check::warning_codes(assessment), Codes{"W_SIG_SHA1_ACCEPTED"});
}

TEST(TlsHandshakeSignatureCheck, Tls13CertificateVerifySchemesAreJudged) {
  auto profile = compliant_profile();
  profile.handshake_schemes.clear();
  profile.chains[0].version = tls::kTls13;
  profile.chains[0].scheme = 0x0403;
  EXPECT_EQ(evaluate(profile, {}).evidence["schemes"][0], "ecdsa_secp256r1_sha256");
}

TEST(TlsHandshakeSignatureCheck, NotApplicableWithoutSignedHandshakes) {
  auto profile = compliant_profile();
  profile.handshake_schemes.clear();
  EXPECT_EQ(evaluate(profile, {}).verdict, check::Verdict::kNotApplicable);
}

}  // namespace
}  // namespace etguard::tls_checks::handshake_signature
