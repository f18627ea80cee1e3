// The pepper in a PKCS#11 device (SoftHSM2, a fresh token for every test):
// the key is made on the device, HMACs are computed there, and the key can
// be neither read nor wrapped out. Skipped, with a message, when SoftHSM2 is
// not installed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "etauth/password.h"
#include "etauth/pkcs11_hsm.h"

namespace etauth {
namespace {

constexpr const char* kModule = "/usr/lib/softhsm/libsofthsm2.so";

class Pkcs11HsmTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kModule)) {
      GTEST_SKIP() << "SoftHSM2 is not installed (" << kModule << ")";
    }
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    label_ = std::string("etauth-") + test->name();
    label_.resize(std::min<std::size_t>(label_.size(), 32));
    dir_ = std::filesystem::temp_directory_path() /
           ("etauth-softhsm-" + std::to_string(::getpid()) + "-" + test->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "tokens");
    std::ofstream(dir_ / "softhsm2.conf") << "directories.tokendir = " << (dir_ / "tokens").string()
                                          << "\nobjectstore.backend = file\nlog.level = ERROR\n";
    ::setenv("SOFTHSM2_CONF", (dir_ / "softhsm2.conf").c_str(), 1);
    const std::string init = "softhsm2-util --init-token --free --label " + label_ +
                             " --so-pin 5678 --pin 1234 >/dev/null";
    ASSERT_EQ(std::system(init.c_str()), 0) << "softhsm2-util could not make a token";
    auto opened =
        Pkcs11Hsm::open("pkcs11:token=" + label_ + "?module-path=" + std::string(kModule), "1234");
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    hsm_ = std::move(*opened);
  }
  void TearDown() override {
    hsm_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::string label_;
  std::filesystem::path dir_;
  std::unique_ptr<Pkcs11Hsm> hsm_;
};

std::span<const std::uint8_t> bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

TEST_F(Pkcs11HsmTest, ThePepperKeyCannotBeReadOrWrappedOut) {
  ASSERT_TRUE(hsm_->generate_pepper_key("pepper-1").has_value());
  EXPECT_FALSE(hsm_->key_value_readable("pepper-1"));
  EXPECT_FALSE(hsm_->key_wrappable("pepper-1"));
  EXPECT_EQ(hsm_->generate_pepper_key("pepper-1").error().code, Errc::kInvalidArgument);
}

TEST_F(Pkcs11HsmTest, HmacInsideTheDeviceIsStableAndKeyed) {
  ASSERT_TRUE(hsm_->generate_pepper_key("pepper-1").has_value());
  ASSERT_TRUE(hsm_->generate_pepper_key("pepper-2").has_value());
  const auto a = hsm_->hmac_sha256("pepper-1", bytes("stretched"));
  const auto b = hsm_->hmac_sha256("pepper-1", bytes("stretched"));
  const auto c = hsm_->hmac_sha256("pepper-2", bytes("stretched"));
  ASSERT_TRUE(a.has_value()) << a.error().message;
  EXPECT_EQ(*a, *b);
  EXPECT_NE(*a, *c);
  EXPECT_EQ(hsm_->hmac_sha256("missing", bytes("x")).error().code, Errc::kNotFound);
}

TEST_F(Pkcs11HsmTest, PasswordsPepperedByTheDevice) {
  ASSERT_TRUE(hsm_->generate_pepper_key("pepper-1").has_value());
  SystemRandom random;
  PasswordHasher hasher =
      PasswordHasher::create(*hsm_, random, Argon2Params{64, 1, 1}, "pepper-1").value();
  const std::string record = hasher.hash("tr4de-Bridge").value();
  EXPECT_TRUE(hasher.verify("tr4de-Bridge", record)->matches);
  EXPECT_FALSE(hasher.verify("tr4de-bridge", record)->matches);
  // Without the device's key the record is useless: another pepper key does not verify it.
  ASSERT_TRUE(hsm_->generate_pepper_key("pepper-9").has_value());
  std::string forged = record;
  forged.replace(forged.find("k=pepper-1"), 10, "k=pepper-9");
  EXPECT_FALSE(hasher.verify("tr4de-Bridge", forged)->matches);
}

TEST(Pkcs11HsmOpen, BadUrisAndModulesAreErrors) {
  EXPECT_EQ(Pkcs11Hsm::open("not a uri", "1").error().code, Errc::kInvalidArgument);
  EXPECT_EQ(Pkcs11Hsm::open("pkcs11:token=x", "1").error().code, Errc::kInvalidArgument);
  EXPECT_EQ(Pkcs11Hsm::open("pkcs11:token=x?module-path=/nonexistent.so", "1").error().code,
            Errc::kHsm);
}

}  // namespace
}  // namespace etauth
