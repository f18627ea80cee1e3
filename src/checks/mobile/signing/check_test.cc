#include "checks/mobile/signing/check.h"

#include <gtest/gtest.h>

#include "checks/mobile/test_app.h"

namespace etguard::mobile_checks::signing {
namespace {

using namespace mobile_checks::testing;

TEST(MobileSigning, TheRegisteredSignerPasses) {
  const auto app = release_build();
  auto registered = registered_app();
  registered.signer_sha256 = {"AA:" + std::string(62, 'a')};  // colons and case do not matter
  const auto judged = evaluate({&app, &registered, nullptr, &policy()});
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kPass);
}

TEST(MobileSigning, AnotherSignerIsACounterfeit) {
  auto app = release_build();
  app.signing.signers[0].sha256 = std::string(64, 'b');
  const auto registered = registered_app();
  const auto judged = evaluate({&app, &registered, nullptr, &policy()});
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kFail);
  EXPECT_TRUE(has_reason(*judged, "APP_SIGNER_UNKNOWN"));
}

TEST(MobileSigning, ARotationFromTheRegisteredKeyPassesWithAWarning) {
  auto app = release_build();
  X509Summary next = app.signing.signers[0];
  next.sha256 = std::string(64, 'c');
  app.signing.lineage = {app.signing.signers[0], next};
  app.signing.signers = {next};
  const auto registered = registered_app();
  const auto judged = evaluate({&app, &registered, nullptr, &policy()});
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kPass);
  EXPECT_TRUE(has_reason(*judged, "APP_SIGNER_ROTATED"));
}

TEST(MobileSigning, UnsignedV1OnlyAndWeakKeysFail) {
  auto app = release_build();
  app.signing = {};
  const auto unsigned_app = evaluate({&app, nullptr, nullptr, &policy()});
  ASSERT_TRUE(unsigned_app);
  EXPECT_TRUE(has_reason(*unsigned_app, "APP_UNSIGNED"));
  app = release_build();
  app.signing.v2 = app.signing.v3 = false;
  app.signing.v1 = true;
  app.signing.signers[0].key_bits = 1024;
  const auto weak = evaluate({&app, nullptr, nullptr, &policy()});
  ASSERT_TRUE(weak);
  EXPECT_EQ(weak->verdict, Verdict::kFail);
  EXPECT_TRUE(has_reason(*weak, "APP_V1_ONLY"));
  EXPECT_TRUE(has_reason(*weak, "APP_WEAK_SIGNING_KEY"));
}

// The reason says what broke in the reader's language: the zh text carries
// the zh problem, not the English one.
TEST(MobileSigning, ASignatureThatDoesNotHoldFailsInBothLanguages) {
  auto app = release_build();
  app.signing.signatures = {mobile::SignatureState::kInvalid,
                            "classes.dex does not match its digest in META-INF/MANIFEST.MF",
                            "classes.dex 與 META-INF/MANIFEST.MF 中之摘要不符"};
  const auto registered = registered_app();
  const auto judged = evaluate({&app, &registered, nullptr, &policy()});
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kFail);
  const auto reason =
      std::ranges::find(judged->reasons, "APP_SIGNATURE_INVALID", &check::Reason::code);
  ASSERT_NE(reason, judged->reasons.end());
  EXPECT_NE(reason->en.find("does not match its digest"), std::string::npos);
  EXPECT_NE(reason->zh.find("與 META-INF/MANIFEST.MF 中之摘要不符"), std::string::npos);
  EXPECT_EQ(reason->zh.find("does not match"), std::string::npos);
}

TEST(MobileSigning, NoRegisteredCertificateIsNeverAPass) {
  const auto app = release_build();
  auto registered = registered_app();
  registered.signer_sha256.clear();
  const auto judged = evaluate({&app, &registered, nullptr, &policy()});
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kError);
  EXPECT_TRUE(has_reason(*judged, "APP_SIGNER_NOT_REGISTERED"));
}

TEST(MobileSigning, AnIosReleaseNeedsAnAppStoreProfileWithTheRegisteredCertificate) {
  auto app = ios_release();
  const auto registered = registered_app();
  AppEvidence evidence{nullptr, &registered, nullptr, &policy()};
  evidence.ios = &app;
  const auto store = evaluate(evidence);
  ASSERT_TRUE(store);
  EXPECT_EQ(store->verdict, Verdict::kPass);
  EXPECT_TRUE(store->reasons.empty());
  app.profile.kind = "enterprise";
  app.profile.expires = "2026-01-01";
  const auto judged = evaluate(evidence);
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kFail);
  EXPECT_TRUE(has_reason(*judged, "APP_PROFILE_NOT_STORE"));
  EXPECT_TRUE(has_reason(*judged, "APP_PROFILE_EXPIRED"));
  EXPECT_FALSE(has_reason(*judged, "APP_SIGNER_UNKNOWN"));
  app.profile = {};
  EXPECT_EQ(evaluate(evidence)->verdict, Verdict::kError);  // no profile: cannot tell who signed
}

// The code signature decides who signed: another certificate is a
// counterfeit even under a profile naming the registered one; altered
// pages, a CMS signature that does not hold, another bundle id, an ad hoc
// signature and none at all fail.
TEST(MobileSigning, AnIosReleaseIsJudgedByItsCodeSignature) {
  const auto registered = registered_app();
  const auto judge = [&](const mobile::IosPackage& app) {
    AppEvidence evidence{nullptr, &registered, nullptr, &policy()};
    evidence.ios = &app;
    auto judged = evaluate(evidence);
    EXPECT_TRUE(judged);
    return *judged;
  };
  auto other = ios_release();
  other.code_signature->signers[0].sha256 = std::string(64, 'b');
  EXPECT_EQ(judge(other).verdict, Verdict::kFail);
  EXPECT_TRUE(has_reason(judge(other), "APP_SIGNER_UNKNOWN"));
  auto altered = ios_release();
  altered.code_signature->altered = 1;
  EXPECT_TRUE(has_reason(judge(altered), "APP_SIGNATURE_INVALID"));
  auto forged = ios_release();
  forged.code_signature->cms_verified = false;
  EXPECT_TRUE(has_reason(judge(forged), "APP_SIGNATURE_INVALID"));
  auto renamed = ios_release();
  renamed.code_signature->identifier = "tw.example.other";
  EXPECT_TRUE(has_reason(judge(renamed), "APP_SIGNATURE_INVALID"));
  auto ad_hoc = ios_release();
  ad_hoc.code_signature->signed_cms = false;
  ad_hoc.code_signature->cms_verified = false;
  EXPECT_TRUE(has_reason(judge(ad_hoc), "APP_UNSIGNED"));
  auto unsigned_build = ios_release();
  unsigned_build.code_signature.reset();
  EXPECT_EQ(judge(unsigned_build).verdict, Verdict::kFail);
  EXPECT_TRUE(has_reason(judge(unsigned_build), "APP_UNSIGNED"));
}

}  // namespace
}  // namespace etguard::mobile_checks::signing
