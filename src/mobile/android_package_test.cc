// The package reader on packages built by aapt and apksigner
// (tests/mobile/make-apks.sh, kept in testdata/).
#include "mobile/android_package.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

namespace etguard::mobile {
namespace {

const std::string kData = std::string(ETG_SOURCE_DIR) + "/src/mobile/testdata/";
constexpr std::string_view kRelease =
    "2bf7d0d59eed6935460d60acb2b159724294f9c62d2d5843a8e7e8940202b0b7";
constexpr std::string_view kNext =
    "4c12f972998e3b61c2c4e082d994e4e9bd392908505e07ac5181eb21238b3022";
constexpr std::string_view kWeak =
    "b60d813fddf482f0a734b058d51d5cc0a47a8235b396c5de1b7cba1c3be3a6c1";
constexpr std::string_view kOther =
    "b2fd2d3b0bf342e1cfbb9666de7a8d47f9c7c9fe99b21bdbd007ed701ff4c54e";

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::ranges::find(list, value) != list.end();
}

const AppComponent& component(const AndroidPackage& app, std::string_view name) {
  const auto found = std::ranges::find(app.components, name, &AppComponent::name);
  EXPECT_NE(found, app.components.end()) << name;
  return *found;
}

TEST(AndroidPackage, ReadsTheReleaseBuildsManifest) {
  const auto app = read_android_package(kData + "good.apk");
  ASSERT_TRUE(app) << app.error().message;
  EXPECT_EQ(app->package, "tw.example.trade");
  EXPECT_EQ(app->version_name, "3.1.0");
  EXPECT_GT(app->version_code, 0U);
  EXPECT_EQ(app->min_sdk, 24);
  EXPECT_EQ(app->target_sdk, 33);
  EXPECT_EQ(app->permissions,
            (std::vector<std::string>{"android.permission.INTERNET", "android.permission.CAMERA"}));
  EXPECT_EQ(app->debuggable, false);
  EXPECT_EQ(app->allow_backup, false);
  EXPECT_FALSE(app->uses_cleartext_traffic.has_value());
  EXPECT_TRUE(component(*app, ".Main").launcher);
  EXPECT_TRUE(component(*app, ".Main").exported);
  EXPECT_FALSE(component(*app, ".QuoteSync").exported);
  EXPECT_FALSE(component(*app, ".Files").exported);
}

TEST(AndroidPackage, FollowsTheManifestToTheNetworkSecurityConfiguration) {
  const auto good = read_android_package(kData + "good.apk");
  ASSERT_TRUE(good) << good.error().message;
  EXPECT_EQ(good->network_security.file, "res/xml/network_security_config.xml");
  EXPECT_EQ(good->network_security.base_cleartext, false);
  EXPECT_TRUE(good->network_security.pins_certificates);
  // User CAs trusted only in debug-overrides do not count for a release.
  EXPECT_FALSE(good->network_security.trusts_user_certificates);
  EXPECT_TRUE(good->network_security.cleartext_domains.empty());

  const auto bad = read_android_package(kData + "bad.apk");
  ASSERT_TRUE(bad) << bad.error().message;
  EXPECT_EQ(bad->network_security.base_cleartext, true);
  EXPECT_TRUE(bad->network_security.trusts_user_certificates);
  EXPECT_FALSE(bad->network_security.pins_certificates);
  EXPECT_EQ(bad->network_security.cleartext_domains,
            std::vector<std::string>{"quote.example.com.tw"});
  EXPECT_EQ(bad->debuggable, true);
  EXPECT_EQ(bad->allow_backup, true);
  EXPECT_EQ(bad->uses_cleartext_traffic, true);
  EXPECT_EQ(bad->min_sdk, 19);
  EXPECT_TRUE(contains(bad->permissions, "android.permission.READ_CONTACTS"));
  EXPECT_TRUE(component(*bad, ".QuoteSync").exported);
  EXPECT_TRUE(component(*bad, ".QuoteSync").permission.empty());
}

TEST(AndroidPackage, ReadsTheCodesStrings) {
  const auto good = read_android_package(kData + "good.apk");
  ASSERT_TRUE(good) << good.error().message;
  EXPECT_TRUE(good->code_strings.has("Lcom/scottyab/rootbeer/RootBeer;"));
  EXPECT_TRUE(good->code_strings.has("https://api.example.com.tw/v1/quote"));
  const auto bad = read_android_package(kData + "bad.apk");
  ASSERT_TRUE(bad) << bad.error().message;
  EXPECT_TRUE(bad->code_strings.has("AKIAIOSFODNN7EXAMPLE"));
  EXPECT_FALSE(bad->code_strings.has("AKIAIOSFODNN7"));  // whole strings only
  EXPECT_EQ(good->code_strings.size(), 5U);
}

TEST(AndroidPackage, ReadsTheManifestAloneWhenAsked) {
  const auto whole = read_android_package(kData + "bad.apk");
  const auto manifest = read_android_package(kData + "bad.apk", {}, PackageScope::kManifest);
  ASSERT_TRUE(whole && manifest);
  EXPECT_EQ(manifest->permissions, whole->permissions);
  EXPECT_EQ(manifest->version_name, whole->version_name);
  EXPECT_EQ(manifest->debuggable, whole->debuggable);
  EXPECT_TRUE(manifest->code_strings.empty());  // no code, signatures or file hash read
  EXPECT_FALSE(manifest->signing.signed_at_all());
  EXPECT_TRUE(manifest->sha256.empty());
  EXPECT_FALSE(whole->code_strings.empty());
  EXPECT_EQ(whole->sha256.size(), 64U);
}

TEST(AndroidPackage, NamesEverySchemeAndTheCurrentSigner) {
  const auto good = read_android_package(kData + "good.apk");
  ASSERT_TRUE(good) << good.error().message;
  EXPECT_TRUE(good->signing.v1 && good->signing.v2 && good->signing.v3);
  EXPECT_FALSE(good->signing.v31);
  ASSERT_EQ(good->signing.signers.size(), 1U);
  EXPECT_EQ(good->signing.signers[0].sha256, kRelease);
  EXPECT_EQ(good->signing.signers[0].key_type, "RSA");
  EXPECT_EQ(good->signing.signers[0].key_bits, 3072);
  EXPECT_TRUE(good->signing.lineage.empty());

  const auto counterfeit = read_android_package(kData + "counterfeit.apk");
  ASSERT_TRUE(counterfeit) << counterfeit.error().message;
  ASSERT_EQ(counterfeit->signing.signers.size(), 1U);
  EXPECT_EQ(counterfeit->signing.signers[0].sha256, kOther);

  const auto bad = read_android_package(kData + "bad.apk");
  ASSERT_TRUE(bad) << bad.error().message;
  EXPECT_TRUE(bad->signing.v1);
  EXPECT_FALSE(bad->signing.v2 || bad->signing.v3);
  ASSERT_EQ(bad->signing.signers.size(), 1U);
  EXPECT_EQ(bad->signing.signers[0].sha256, kWeak);
  EXPECT_EQ(bad->signing.signers[0].key_bits, 1024);
  EXPECT_EQ(bad->signing.signers[0].signature_algorithm, "sha1WithRSAEncryption");

  const auto v2 = read_android_package(kData + "v2only.apk");
  ASSERT_TRUE(v2) << v2.error().message;
  EXPECT_TRUE(v2->signing.v2);
  EXPECT_FALSE(v2->signing.v1 || v2->signing.v3);
  EXPECT_EQ(v2->signing.signers.at(0).sha256, kRelease);

  const auto unsigned_app = read_android_package(kData + "unsigned.apk");
  ASSERT_TRUE(unsigned_app) << unsigned_app.error().message;
  EXPECT_FALSE(unsigned_app->signing.signed_at_all());
  EXPECT_TRUE(unsigned_app->signing.signers.empty());
}

TEST(AndroidPackage, VerifiesTheV2AndV3Signatures) {
  for (const char* name : {"good.apk", "v2only.apk", "rotated.apk", "counterfeit.apk"}) {
    const auto app = read_android_package(kData + name);
    ASSERT_TRUE(app) << app.error().message;
    EXPECT_EQ(app->signing.signatures.state, SignatureState::kVerified)
        << name << ": " << app->signing.signatures.problem;
  }
  const auto v1 = read_android_package(kData + "bad.apk");  // v1 only: its JAR signature
  ASSERT_TRUE(v1) << v1.error().message;
  EXPECT_EQ(v1->signing.signatures.state, SignatureState::kVerified)
      << v1->signing.signatures.problem;
}

// A package signed with v1 alone is verified as jarsigner does: the PKCS#7
// block over CERT.SF, CERT.SF over the manifest, the manifest over each entry.
TEST(AndroidPackage, AV1SignatureBrokenAfterSigningDoesNotVerify) {
  for (const auto& [name, problem] :
       {std::pair{"v1-added.apk", "assets/injected.txt is not covered by the v1 signature"},
        std::pair{"v1-altered.apk", "classes.dex does not match its digest"}}) {
    const auto app = read_android_package(kData + name);
    ASSERT_TRUE(app) << app.error().message;
    EXPECT_EQ(app->signing.signatures.state, SignatureState::kInvalid) << name;
    EXPECT_NE(app->signing.signatures.problem.find(problem), std::string::npos)
        << name << ": " << app->signing.signatures.problem;
  }
}

TEST(AndroidPackage, APackageAlteredAfterSigningDoesNotVerify) {
  std::ifstream in(kData + "good.apk", std::ios::binary);
  std::string bytes{std::istreambuf_iterator<char>(in), {}};
  // A byte of META-INF/MANIFEST.MF's data: an entry etguard does not inflate,
  // so only the signature can tell.
  const std::size_t name = bytes.find("META-INF/MANIFEST.MF");
  ASSERT_NE(name, std::string::npos);
  const std::size_t header = name - 30;
  const auto extra =
      static_cast<std::size_t>(static_cast<unsigned char>(bytes[header + 28])) |
      (static_cast<std::size_t>(static_cast<unsigned char>(bytes[header + 29])) << 8U);
  const std::size_t data = name + 20 + extra;
  bytes[data] = static_cast<char>(bytes[data] ^ 0x01);
  const auto path = std::filesystem::path(::testing::TempDir()) / "altered.apk";
  std::ofstream(path, std::ios::binary) << bytes;
  const auto app = read_android_package(path.string());
  ASSERT_TRUE(app) << app.error().message;
  EXPECT_EQ(app->signing.signatures.state, SignatureState::kInvalid);
  EXPECT_NE(app->signing.signatures.problem.find("altered after signing"), std::string::npos)
      << app->signing.signatures.problem;
  EXPECT_EQ(app->signing.signers.at(0).sha256, kRelease);  // who claims it is unchanged
}

TEST(AndroidPackage, ReadsAnAppBundleAsItsApk) {
  const auto bundle = read_android_package(kData + "good.aab");
  ASSERT_TRUE(bundle) << bundle.error().message;
  const auto apk = read_android_package(kData + "good.apk");
  ASSERT_TRUE(apk) << apk.error().message;
  EXPECT_TRUE(bundle->bundle);
  EXPECT_FALSE(apk->bundle);
  EXPECT_EQ(bundle->package, apk->package);
  EXPECT_EQ(bundle->version_name, apk->version_name);
  EXPECT_EQ(bundle->version_code, apk->version_code);
  EXPECT_EQ(bundle->min_sdk, apk->min_sdk);
  EXPECT_EQ(bundle->target_sdk, apk->target_sdk);
  EXPECT_EQ(bundle->permissions, apk->permissions);
  EXPECT_EQ(bundle->debuggable, apk->debuggable);
  EXPECT_EQ(bundle->allow_backup, apk->allow_backup);
  EXPECT_EQ(bundle->components.size(), apk->components.size());
  EXPECT_EQ(bundle->network_security.file, "base/res/xml/network_security_config.xml");
  EXPECT_EQ(bundle->network_security.base_cleartext, false);
  EXPECT_TRUE(bundle->network_security.pins_certificates);
  EXPECT_EQ(bundle->code_strings.text(), apk->code_strings.text());
  // base/resources.pb read as resources.arsc is: the same string values
  // (scanned for personal data and secrets), the reference followed to its file.
  EXPECT_EQ(bundle->resource_strings.text(), apk->resource_strings.text());
  EXPECT_TRUE(bundle->resource_strings.has("行動下單"));
  EXPECT_TRUE(bundle->signing.v1);  // jarsigner, the upload key
  EXPECT_EQ(bundle->signing.signatures.state, SignatureState::kVerified)
      << bundle->signing.signatures.problem;
  ASSERT_EQ(bundle->signing.signers.size(), 1U);
  EXPECT_EQ(bundle->signing.signers[0].sha256, kRelease);
}

TEST(AndroidPackage, ReadsARotationLineageOldestFirst) {
  const auto rotated = read_android_package(kData + "rotated.apk");
  ASSERT_TRUE(rotated) << rotated.error().message;
  EXPECT_TRUE(rotated->signing.v3);
  ASSERT_EQ(rotated->signing.signers.size(), 1U);
  EXPECT_EQ(rotated->signing.signers[0].sha256, kNext);
  ASSERT_EQ(rotated->signing.lineage.size(), 2U);
  EXPECT_EQ(rotated->signing.lineage[0].sha256, kRelease);
  EXPECT_EQ(rotated->signing.lineage[1].sha256, kNext);
}

class BrokenPackage : public ::testing::Test {
 protected:
  std::filesystem::path write(std::string_view name, const std::string& bytes) {
    const std::filesystem::path path = std::filesystem::path(::testing::TempDir()) / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  static std::string good_bytes() {
    std::ifstream in(kData + "good.apk", std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
};

TEST_F(BrokenPackage, ATruncatedPackageIsAnInputErrorNamingIt) {
  const std::string bytes = good_bytes();
  const auto path = write("truncated.apk", bytes.substr(0, bytes.size() / 2));
  const auto app = read_android_package(path.string());
  ASSERT_FALSE(app);
  EXPECT_EQ(app.error().kind, ErrorKind::kInput);
  EXPECT_NE(app.error().message.find("truncated.apk"), std::string::npos) << app.error().message;
  EXPECT_FALSE(app.error().message_zh.empty());
}

TEST_F(BrokenPackage, ANonZipAndAMissingFileAreRefused) {
  const auto text = read_android_package(write("text.apk", "not a zip at all").string());
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().kind, ErrorKind::kInput);
  const auto missing = read_android_package(kData + "no-such.apk");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
}

TEST_F(BrokenPackage, AZipBombIsRefusedBeforeItIsInflated) {
  PackageLimits limits;
  limits.max_ratio = 2;  // good.apk's DEX and manifest compress better than this
  limits.max_entry_bytes = 1024;
  const auto app = read_android_package(kData + "good.apk", limits);
  ASSERT_FALSE(app);
  EXPECT_NE(app.error().message.find("zip bomb"), std::string::npos) << app.error().message;
}

}  // namespace
}  // namespace etguard::mobile
