// The iOS package reader on IPAs built by tests/mobile/make-ipas.sh (kept in
// testdata/): Info.plist in binary form, a CMS-signed provisioning profile.
#include "mobile/ios_package.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace etguard::mobile {
namespace {

const std::string kData = std::string(ETG_SOURCE_DIR) + "/src/mobile/testdata/";
constexpr std::string_view kRelease =
    "2bf7d0d59eed6935460d60acb2b159724294f9c62d2d5843a8e7e8940202b0b7";

TEST(IosPackage, ReadsInfoPlistAndTheAppStoreProfile) {
  const auto app = read_ios_package(kData + "good.ipa");
  ASSERT_TRUE(app) << app.error().message;
  EXPECT_EQ(app->app, "Payload/Trade.app");
  EXPECT_EQ(app->bundle_id, "tw.example.trade");
  EXPECT_EQ(app->version, "3.1.0");
  EXPECT_EQ(app->build, "310");
  EXPECT_EQ(app->minimum_os, "15.0");
  EXPECT_EQ(app->usage_descriptions, std::vector<std::string>{"NSCameraUsageDescription"});
  EXPECT_EQ(app->url_schemes, std::vector<std::string>{"twtrade"});
  EXPECT_FALSE(app->ats_arbitrary_loads);
  EXPECT_TRUE(app->ats_pinning);
  ASSERT_TRUE(app->profile.present);
  EXPECT_EQ(app->profile.kind, "app-store");
  EXPECT_EQ(app->profile.team, "ABCDE12345");
  EXPECT_EQ(app->profile.expires, "2030-12-31");
  EXPECT_FALSE(app->profile.get_task_allow);
  ASSERT_EQ(app->profile.certificates.size(), 1U);
  EXPECT_EQ(app->profile.certificates[0].sha256, kRelease);
  EXPECT_TRUE(app->code_strings.has("IOSSecuritySuite"));
  EXPECT_TRUE(app->resource_strings.has("行動下單"));
  EXPECT_EQ(app->sha256.size(), 64U);
  // The executable's code signature, as make-macho.py signs it.
  ASSERT_TRUE(app->code_signature.has_value());
  const CodeSignature& code = *app->code_signature;
  EXPECT_EQ(code.identifier, "tw.example.trade");
  EXPECT_EQ(code.team, "ABCDE12345");
  EXPECT_EQ(code.hash, "SHA-256");
  EXPECT_GE(code.pages, 2U);
  EXPECT_EQ(code.altered, 0U);
  EXPECT_TRUE(code.signed_cms);
  EXPECT_TRUE(code.cms_verified);
  ASSERT_EQ(code.signers.size(), 1U);
  EXPECT_EQ(code.signers[0].sha256, kRelease);
}

// A byte of the executable changed after signing: its page no longer
// matches, while the CMS signature over the CodeDirectory still holds.
TEST(IosPackage, AnExecutableAlteredAfterSigningIsSeen) {
  const auto app = read_ios_package(kData + "altered.ipa");
  ASSERT_TRUE(app) << app.error().message;
  ASSERT_TRUE(app->code_signature.has_value());
  EXPECT_EQ(app->code_signature->altered, 1U);
  EXPECT_TRUE(app->code_signature->cms_verified);
}

TEST(IosPackage, ReadsTheDevelopmentProfileAndLoweredTransportSecurity) {
  const auto app = read_ios_package(kData + "bad.ipa");
  ASSERT_TRUE(app) << app.error().message;
  EXPECT_EQ(app->profile.kind, "development");
  EXPECT_TRUE(app->profile.get_task_allow);
  EXPECT_EQ(app->profile.expires, "2020-01-31");
  EXPECT_TRUE(app->ats_arbitrary_loads);
  ASSERT_EQ(app->ats_exceptions.size(), 1U);
  EXPECT_EQ(app->ats_exceptions[0].domain, "quote.example.com.tw");
  EXPECT_TRUE(app->ats_exceptions[0].insecure_http);
  EXPECT_EQ(app->ats_exceptions[0].minimum_tls, "TLSv1.0");
  EXPECT_TRUE(app->code_strings.has("AKIAIOSFODNN7EXAMPLE"));
}

TEST(IosPackage, WhatIsNotAnIpaIsAnInputError) {
  const auto apk = read_ios_package(kData + "good.apk");
  ASSERT_FALSE(apk);
  EXPECT_NE(apk.error().message.find("not an iOS app package"), std::string::npos);
  std::ifstream in(kData + "good.ipa", std::ios::binary);
  std::string bytes{std::istreambuf_iterator<char>(in), {}};
  const auto path = std::filesystem::path(::testing::TempDir()) / "cut.ipa";
  std::ofstream(path, std::ios::binary) << bytes.substr(0, bytes.size() - 100);
  const auto cut = read_ios_package(path.string());
  ASSERT_FALSE(cut);
  EXPECT_EQ(cut.error().kind, ErrorKind::kInput);
}

}  // namespace
}  // namespace etguard::mobile
