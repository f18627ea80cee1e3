// HOTP and TOTP against the RFC 4226 and RFC 6238 vectors (all three hashes,
// with the Appendix A seeds), and the verifier's window and single use.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "etauth/otp.h"
#include "test_support.h"

namespace etauth {
namespace {

using testing::from_hex;
using testing::SoftwareHsm;

nlohmann::json vectors() {
  std::ifstream in(std::string(ETAUTH_TEST_DATA) + "/otp-vectors.json");
  return nlohmann::json::parse(in);
}

std::chrono::sys_seconds at(std::int64_t seconds) {
  return std::chrono::sys_seconds(std::chrono::seconds(seconds));
}

TEST(Hotp, Rfc4226AppendixD) {
  const auto data = vectors()["hotp_rfc4226"];
  const Bytes seed = from_hex(data["secret_hex"]);
  ASSERT_EQ(data["vectors"].size(), 10U);
  for (const auto& vector : data["vectors"]) {
    EXPECT_EQ(hotp(seed, vector["counter"], 6).value(), vector["hotp_6"].get<std::string>());
  }
}

TEST(Totp, Rfc6238AppendixBForEveryHash) {
  const auto data = vectors()["totp_rfc6238"];
  TotpSettings settings;
  settings.digits = 8;
  int checked = 0;
  for (const auto& vector : data["vectors"]) {
    const std::string mode = vector["mode"];
    settings.hash = mode == "SHA1"     ? OtpHash::kSha1
                    : mode == "SHA256" ? OtpHash::kSha256
                                       : OtpHash::kSha512;
    const Bytes seed = from_hex(data["seeds_hex"][mode]);
    EXPECT_EQ(totp(seed, at(vector["unix_time"]), settings).value(),
              vector["totp_8"].get<std::string>())
        << mode << " at " << vector["unix_time"];
    ++checked;
  }
  EXPECT_EQ(checked, 18);  // six times, three hashes
}

TEST(Totp, AcceptsTheWindowOnceAndNothingElse) {
  const Bytes seed = from_hex("3132333435363738393031323334353637383930");
  const TotpSettings settings;  // 6 digits, 30 s, one step either side
  const auto now = at(1'111'111'109);
  const std::string current = totp(seed, now, settings).value();
  const std::string previous = totp(seed, now - std::chrono::seconds(30), settings).value();
  const std::string too_old = totp(seed, now - std::chrono::seconds(60), settings).value();
  const std::uint64_t step = totp_step(now, settings);

  EXPECT_EQ(verify_totp(seed, current, now, std::nullopt, settings).value(), step);
  EXPECT_EQ(verify_totp(seed, previous, now, std::nullopt, settings).value(), step - 1);
  EXPECT_EQ(verify_totp(seed, too_old, now, std::nullopt, settings).error().code,
            Errc::kBadCredential);
  // Used once: the same code, or an earlier one, is a replay.
  EXPECT_EQ(verify_totp(seed, current, now, step, settings).error().code, Errc::kReplay);
  EXPECT_EQ(verify_totp(seed, previous, now, step, settings).error().code, Errc::kReplay);
  EXPECT_EQ(verify_totp(seed, "12345", now, std::nullopt, settings).error().code,
            Errc::kBadCredential);
  std::string wrong = current;
  wrong[0] = wrong[0] == '9' ? '0' : static_cast<char>(wrong[0] + 1);
  EXPECT_EQ(verify_totp(seed, wrong, now, std::nullopt, settings).error().code,
            Errc::kBadCredential);
}

TEST(Otp, SeedsComeFromTheRandomSourceAtTheHashLength) {
  SystemRandom random;
  const Bytes a = new_otp_seed(random, OtpHash::kSha256).value();
  const Bytes b = new_otp_seed(random, OtpHash::kSha256).value();
  EXPECT_EQ(a.size(), 32U);
  EXPECT_NE(a, b);
  EXPECT_EQ(new_otp_seed(random, OtpHash::kSha1).value().size(), 20U);
  EXPECT_EQ(new_otp_seed(random, OtpHash::kSha512).value().size(), 64U);
  EXPECT_FALSE(hotp(a, 0, 5).has_value());
  EXPECT_FALSE(hotp({}, 0, 6).has_value());
}

TEST(Otp, SeedsAtRestAreSealedForTheirAccount) {
  SoftwareHsm hsm;
  SystemRandom random;
  const Bytes seed = new_otp_seed(random, OtpHash::kSha256).value();
  const Bytes sealed = seal_otp_seed(hsm, "seed-key", "A123456789", seed, random).value();
  EXPECT_EQ(std::search(sealed.begin(), sealed.end(), seed.begin(), seed.begin() + 8),
            sealed.end());
  EXPECT_EQ(open_otp_seed(hsm, "seed-key", "A123456789", sealed).value(), seed);
  EXPECT_EQ(open_otp_seed(hsm, "seed-key", "B987654321", sealed).error().code,
            Errc::kBadCredential);  // not movable to another account
  EXPECT_EQ(open_otp_seed(hsm, "other-key", "A123456789", sealed).error().code,
            Errc::kBadCredential);
  Bytes tampered = sealed;
  tampered.back() ^= 1;
  EXPECT_EQ(open_otp_seed(hsm, "seed-key", "A123456789", tampered).error().code,
            Errc::kBadCredential);
}

}  // namespace
}  // namespace etauth
