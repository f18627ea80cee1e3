#include "checks/tls/certificate/check.h"

#include <gtest/gtest.h>

#include "checks/output.h"
#include "checks/tls/test_profiles.h"

namespace etguard::tls_checks::certificate {
namespace {

using testing::compliant_profile;
using Codes = std::vector<std::string>;

tls::CertificateInfo& leaf(tls::TlsProfile& profile) {
  return profile.chains.at(0).chain.certificates.at(0);
}

TEST(TlsCertificateCheck, PassesWithATrustedRsa2048Sha256Chain) {
  const auto assessment = evaluate(compliant_profile(), {});
  EXPECT_EQ(assessment.verdict, check::Verdict::kPass);
  EXPECT_EQ(assessment.evidence["chains"][0]["certificates"][0]["key_bits"], 2048);
}

TEST(TlsCertificateCheck, WeakKeys) {
  auto profile = compliant_profile();
  leaf(profile).key_bits = 1024;
  EXPECT_EQ(check::failure_codes(evaluate(profile, {})), Codes{"CERT_RSA_WEAK"});
  leaf(profile) = testing::certificate("EC", 224);
  EXPECT_EQ(check::failure_codes(evaluate(profile, {})), Codes{"CERT_EC_WEAK"});
  leaf(profile) = testing::certificate("Ed25519", 253);
  EXPECT_EQ(evaluate(profile, {}).verdict, check::Verdict::kPass);
  TlsPolicy strict;
  strict.admit_curve25519_448 = false;
  EXPECT_EQ(check::failure_codes(evaluate(profile, strict)), Codes{"CERT_EC_WEAK"});
}

TEST(TlsCertificateCheck, Sha1SignaturesFailExceptOnTrustAnchors) {
  auto profile = compliant_profile();
  auto root = testing::certificate("RSA", 4096);
  root.self_signed = true;
  root.signature_hash = tls::HashKind::kSha1;
  profile.chains[0].chain.certificates.push_back(root);
  EXPECT_EQ(evaluate(profile, {}).verdict, check::Verdict::kPass);
  leaf(profile).signature_hash = tls::HashKind::kSha1;
  leaf(profile).signature_algorithm = "sha1WithRSAEncryption";
  const auto assessment = evaluate(profile, {});
  EXPECT_EQ(check::failure_codes(assessment), Codes{"CERT_SIG_WEAK"});
  EXPECT_NE(assessment.reasons[0].en.find("sha1WithRSAEncryption"), std::string::npos);
}

TEST(TlsCertificateCheck, ValidityPeriod) {
  auto profile = compliant_profile();
  leaf(profile).expired = true;
  EXPECT_EQ(check::failure_codes(evaluate(profile, {})), Codes{"CERT_EXPIRED"});
  leaf(profile).expired = false;
  leaf(profile).not_yet_valid = true;
  EXPECT_EQ(check::failure_codes(evaluate(profile, {})), Codes{"CERT_NOT_YET_VALID"});
}

TEST(TlsCertificateCheck, UntrustedIsAWarningByDefault) {
  auto profile = compliant_profile();
  profile.chains[0].chain.trusted = false;
  profile.chains[0].chain.trust_error = "self-signed certificate";
  profile.chains[0].chain.name_matches = false;
  auto assessment = evaluate(profile, {});
  EXPECT_EQ(assessment.verdict, check::Verdict::kPass);
  EXPECT_EQ(check::warning_codes(assessment), (Codes{"W_UNTRUSTED", "W_NAME_MISMATCH"}));
  TlsPolicy strict;
  strict.untrusted_fails = true;
  EXPECT_EQ(check::failure_codes(evaluate(profile, strict)), Codes{"CERT_UNTRUSTED"});
}

TEST(TlsCertificateCheck, NoCertificateIsCouldNotAssessNeverPass) {
  auto profile = compliant_profile();
  profile.chains.clear();
  const auto assessment = evaluate(profile, {});
  EXPECT_EQ(assessment.verdict, check::Verdict::kError);
  EXPECT_EQ(check::failure_codes(assessment), Codes{"CERT_MISSING"});
}

}  // namespace
}  // namespace etguard::tls_checks::certificate
