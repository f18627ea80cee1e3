#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "auth/bridge.h"
#include "auth/key_file_hsm.h"
#include "auth/otpauth.h"
#include "core/digest.h"

namespace etguard::auth {
namespace {

std::span<const std::uint8_t> bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

TEST(Base32, MatchesRfc4648WithoutPadding) {
  EXPECT_EQ(base32(bytes("")), "");
  EXPECT_EQ(base32(bytes("f")), "MY");
  EXPECT_EQ(base32(bytes("fo")), "MZXQ");
  EXPECT_EQ(base32(bytes("foo")), "MZXW6");
  EXPECT_EQ(base32(bytes("foob")), "MZXW6YQ");
  EXPECT_EQ(base32(bytes("fooba")), "MZXW6YTB");
  EXPECT_EQ(base32(bytes("foobar")), "MZXW6YTBOI");
}

TEST(OtpauthUri, NamesIssuerAndAccountEncoded) {
  EXPECT_EQ(otpauth_uri("etguard 範例證券", "mei lin", bytes("12345678901234567890")),
            "otpauth://totp/etguard%20%E7%AF%84%E4%BE%8B%E8%AD%89%E5%88%B8:mei%20lin"
            "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=etguard%20%E7%AF%84%E4%BE%8B%E8%AD"
            "%89%E5%88%B8&algorithm=SHA1&digits=6&period=30");
}

TEST(Qr, IsSquareWithFinderPatternsAndQuietZone) {
  auto modules = qr_modules("otpauth://totp/a:b?secret=GEZDGNBVGY3TQOJQ");
  ASSERT_TRUE(modules) << modules.error().message;
  const std::size_t width = modules->size();
  EXPECT_GE(width, 21U);
  EXPECT_EQ((width - 17) % 4, 0U);  // a QR version's size
  for (const auto& row : *modules) {
    EXPECT_EQ(row.size(), width);
  }
  // The finder pattern's dark outer ring in three corners.
  for (std::size_t i = 0; i < 7; ++i) {
    EXPECT_TRUE((*modules)[0][i]);
    EXPECT_TRUE((*modules)[i][0]);
    EXPECT_TRUE((*modules)[0][width - 1 - i]);
    EXPECT_TRUE((*modules)[width - 1 - i][0]);
  }
  auto text = qr_text("x");
  ASSERT_TRUE(text);
  const std::size_t lines = static_cast<std::size_t>(std::ranges::count(*text, '\n'));
  EXPECT_EQ(lines, (21 + 8 + 1) / 2);
  auto svg = qr_svg("x");
  ASSERT_TRUE(svg);
  EXPECT_TRUE(svg->starts_with("<svg "));
  EXPECT_NE(svg->find(R"(viewBox="0 0 29 29")"), std::string::npos);
}

TEST(FromHex, ReadsExactlyTheDigits) {
  std::array<std::uint8_t, 3> out{};
  ASSERT_TRUE(from_hex("0aFf10", out));
  EXPECT_EQ(out, (std::array<std::uint8_t, 3>{0x0a, 0xff, 0x10}));
  EXPECT_FALSE(from_hex("0aFf1", out));
  EXPECT_FALSE(from_hex("0aFf1g", out));
}

class KeyFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("etg-auth-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(KeyFile, IsCreatedOwnerOnlyAndGivesTheSameKeysWhenReopened) {
  const auto path = dir_ / "auth.key";
  SeededRandom random(1);
  auto first = KeyFileHsm::open_or_create(path, random);
  ASSERT_TRUE(first) << first.error().message;
  struct stat info{};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777U, 0600U);
  auto pepper = first->hmac_sha256("pepper", bytes("data"));
  ASSERT_TRUE(pepper);
  SeededRandom other(2);
  auto second = KeyFileHsm::open_or_create(path, other);  // reads, never redraws
  ASSERT_TRUE(second);
  EXPECT_EQ(second->hmac_sha256("pepper", bytes("data")).value(), *pepper);
  EXPECT_NE(second->hmac_sha256("otp-seal", bytes("data")).value(), *pepper);
  EXPECT_NE(second->hmac_sha256("pepper", bytes("datb")).value(), *pepper);
}

TEST_F(KeyFile, ReadableByOthersOrMalformedIsRefusedNamingIt) {
  const auto path = dir_ / "auth.key";
  std::ofstream(path) << std::string(64, 'a') << "\n";
  ::chmod(path.c_str(), 0644);
  auto shared = KeyFileHsm::open_or_create(path, system_random());
  ASSERT_FALSE(shared);
  EXPECT_NE(shared.error().message.find("chmod 600"), std::string::npos);
  EXPECT_NE(shared.error().message.find(path.string()), std::string::npos);
  ::chmod(path.c_str(), 0600);
  EXPECT_TRUE(KeyFileHsm::open_or_create(path, system_random()));
  std::ofstream(path) << "not a key\n";
  auto malformed = KeyFileHsm::open_or_create(path, system_random());
  ASSERT_FALSE(malformed);
  EXPECT_NE(malformed.error().message.find("64 hexadecimal"), std::string::npos);
}

TEST(FromEtauth, TellsTheUserInTheirLanguage) {
  const Error locked = from_etauth({etauth::Errc::kLocked, "locked"});
  EXPECT_NE(locked.message.find("locked"), std::string::npos);
  EXPECT_NE(locked.message_zh.find("鎖定"), std::string::npos);
  EXPECT_EQ(from_etauth({etauth::Errc::kStorage, "disk"}).kind, ErrorKind::kInternal);
}

}  // namespace
}  // namespace etguard::auth
