#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "core/digest.h"
#include "core/zip_archive.h"
#include "ledger/signer.h"
#include "pack/manifest.h"

namespace etguard::pack {
namespace {

class PackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("etg-pack-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    key_.emplace(ledger::SigningKey::generate(dir_ / "key.pem").value());
    other_.emplace(ledger::SigningKey::generate(dir_ / "other.pem").value());
    std::ofstream(dir_ / "policy.pdf") << "%PDF-1.7 cloud policy";
    PackBuilder builder;
    ASSERT_TRUE(builder.add_text("reports/report.en.html", "<html>report</html>"));
    ASSERT_TRUE(builder.add_file("evidence/1-ET-4.1.1-org-policy.pdf", dir_ / "policy.pdf"));
    ASSERT_TRUE(builder.add_text("README.txt", "how to verify"));
    ASSERT_TRUE(
        builder.write(pack(), [this](std::string_view message) { return key_->sign(message); }));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path pack() const { return dir_ / "pack.zip"; }

  // A copy of the pack with each entry passed through `change` (returns
  // false to drop the entry) and `extra` files added.
  std::filesystem::path tampered(
      const std::string& name, const std::function<bool(const std::string&, std::string&)>& change,
      const std::vector<std::pair<std::string, std::string>>& extra = {}) {
    const auto out = dir_ / name;
    auto reader = ZipReader::open(pack()).value();
    auto writer = ZipWriter::create(out).value();
    for (const ZipEntry& entry : reader.entries()) {
      std::string content = reader.read_whole(entry, 1 << 20).value();
      if (change(entry.name, content)) {
        EXPECT_TRUE(writer.add_text(entry.name, content));
      }
    }
    for (const auto& [path, content] : extra) {
      EXPECT_TRUE(writer.add_text(path, content));
    }
    EXPECT_TRUE(writer.close());
    return out;
  }

  static std::string error_of(const std::filesystem::path& file, const std::string& key) {
    auto verified = verify_pack(file, key);
    EXPECT_FALSE(verified) << file;
    return verified ? std::string() : verified.error().message;
  }

  std::filesystem::path dir_;
  std::optional<ledger::SigningKey> key_;
  std::optional<ledger::SigningKey> other_;
};

TEST_F(PackTest, AnUntouchedPackVerifiesWithItsKey) {
  auto verified = verify_pack(pack(), key_->public_key_hex());
  ASSERT_TRUE(verified) << verified.error().message;
  EXPECT_EQ(verified->files, 3U);
  // The manifest is sha256sum's format, in the order the files were added.
  auto reader = ZipReader::open(pack()).value();
  std::string manifest;
  for (const ZipEntry& entry : reader.entries()) {
    if (entry.name == kManifestName) {
      manifest = reader.read_whole(entry, 1 << 20).value();
    }
  }
  EXPECT_EQ(manifest.substr(0, 66), sha256_hex("<html>report</html>") + "  ");
  EXPECT_NE(manifest.find("  evidence/1-ET-4.1.1-org-policy.pdf\n"), std::string::npos);
}

TEST_F(PackTest, AChangedFileIsNamed) {
  const auto changed = tampered("changed.zip", [](const std::string& name, std::string& content) {
    if (name == "evidence/1-ET-4.1.1-org-policy.pdf") {
      content += " (amended)";
    }
    return true;
  });
  EXPECT_NE(error_of(changed, key_->public_key_hex())
                .find("'evidence/1-ET-4.1.1-org-policy.pdf' differs from the manifest"),
            std::string::npos);
}

TEST_F(PackTest, AnExtraOrMissingFileIsNamed) {
  const auto extra = tampered("extra.zip", [](const std::string&, std::string&) { return true; },
                              {{"notes.txt", "x"}});
  EXPECT_NE(error_of(extra, key_->public_key_hex())
                .find("'notes.txt' is in the archive but not in the manifest"),
            std::string::npos);
  const auto missing = tampered(
      "missing.zip", [](const std::string& name, std::string&) { return name != "README.txt"; });
  EXPECT_NE(error_of(missing, key_->public_key_hex())
                .find("'README.txt' is listed in the manifest but missing"),
            std::string::npos);
}

TEST_F(PackTest, AMissingManifestOrAWrongKeyIsRefused) {
  const auto stripped = tampered(
      "stripped.zip", [](const std::string& name, std::string&) { return name != kManifestName; });
  EXPECT_NE(error_of(stripped, key_->public_key_hex()).find("MANIFEST.sha256 is missing"),
            std::string::npos);
  EXPECT_NE(error_of(pack(), other_->public_key_hex()).find("does not verify with the given"),
            std::string::npos);
  // A manifest edited to match a changed file no longer matches its signature.
  const auto forged = tampered("forged.zip", [](const std::string& name, std::string& content) {
    if (name == "README.txt") {
      content = "forged";
    }
    if (name == kManifestName) {
      const auto at = content.find("  README.txt");
      content.replace(at - 64, 64, sha256_hex("forged"));
    }
    return true;
  });
  EXPECT_NE(error_of(forged, key_->public_key_hex()).find("does not verify"), std::string::npos);
  EXPECT_NE(error_of(dir_ / "policy.pdf", key_->public_key_hex()).find("not a readable zip"),
            std::string::npos);
}

TEST(PackNames, UnsafeNamesAreRefusedAndMadeSafe) {
  EXPECT_TRUE(safe_member_name("evidence/1-報告.pdf"));
  for (const char* bad : {"", "/etc/passwd", "../x", "a/../b", "a//b", "a\\b", "a\nb", "./a"}) {
    EXPECT_FALSE(safe_member_name(bad)) << bad;
  }
  EXPECT_EQ(safe_name_part("cloud/trading-dr"), "cloud_trading-dr");
  EXPECT_EQ(safe_name_part("a\nb:c"), "a_b_c");
  EXPECT_EQ(safe_name_part(".."), "_");
  EXPECT_EQ(safe_name_part("政策文件", 7), "政策");  // cut at a character boundary
  auto manifest = parse_manifest("abc  x\n", "M");
  ASSERT_FALSE(manifest);
  EXPECT_NE(manifest.error().message.find("M:1:"), std::string::npos);
}

}  // namespace
}  // namespace etguard::pack
