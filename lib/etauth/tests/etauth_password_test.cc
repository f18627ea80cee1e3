// Passwords: the policy profile, NFKC, Argon2id against RFC 9106, and records
// that carry their parameters and pepper key (rehash on change, constant
// result for unknown users). The pepper here is an HMAC in software; the
// PKCS#11 device is tested in etauth_pkcs11_test.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "etauth/password.h"
#include "test_support.h"

namespace etauth {
namespace {

using testing::from_hex;
using testing::SoftwareHsm;

std::span<const std::uint8_t> bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// Cheap parameters so the tests run fast; the defaults are tested once.
constexpr Argon2Params kFast{64, 1, 1};

TEST(PasswordPolicy, TheGuidelineProfile) {
  PasswordPolicy policy;
  policy.blocklist = {"password1"};
  EXPECT_TRUE(check_password(policy, "tr4de-Bridge").has_value());
  EXPECT_EQ(check_password(policy, "abc123").error().code, Errc::kPolicy);  // 6 < 8
  EXPECT_EQ(check_password(policy, "onlyletters").error().code, Errc::kPolicy);
  EXPECT_EQ(check_password(policy, "1234567890").error().code, Errc::kPolicy);
  EXPECT_TRUE(check_password(policy, "letters and spaces!").has_value());      // symbols count
  EXPECT_EQ(check_password(policy, "PassWord1").error().code, Errc::kPolicy);  // blocklist
  EXPECT_EQ(check_password(policy, "xA123456789x1", "a123456789").error().code, Errc::kPolicy);
  EXPECT_TRUE(check_password(policy, std::string(64, 'a') + "1").has_value());  // 65 <= 128
  EXPECT_EQ(check_password(policy, std::string(128, 'a') + "1").error().code, Errc::kPolicy);
  // The message names the rules, never the password.
  const auto broken = check_password(policy, "s3cr");
  EXPECT_EQ(broken.error().message.find("s3cr"), std::string::npos);

  PasswordPolicy six;
  six.min_length = 6;
  EXPECT_TRUE(check_password(six, "abc123").has_value());
  PasswordPolicy below;
  below.min_length = 5;
  EXPECT_EQ(check_password(below, "abc12345").error().code, Errc::kInvalidArgument);
  PasswordPolicy short_max;
  short_max.max_length = 32;
  EXPECT_EQ(check_password(short_max, "abc12345").error().code, Errc::kInvalidArgument);
}

TEST(PasswordPolicy, NfkcMakesFullWidthTheSameAndRejectsBrokenUtf8) {
  EXPECT_EQ(normalize_password("ｔｒａｄｅ１２３").value(), "trade123");
  EXPECT_EQ(normalize_password("ﬁnance①").value(), "finance1");
  EXPECT_EQ(normalize_password("\xC3\x28").error().code, Errc::kInvalidArgument);
  // Bounded before any work: the longest accepted password normalises; one
  // byte more is refused whatever it holds (NFKC can grow text 18-fold).
  EXPECT_TRUE(normalize_password(std::string(kMaxPasswordBytes, 'a')).has_value());
  EXPECT_EQ(normalize_password(std::string(kMaxPasswordBytes + 1, 'a')).error().code,
            Errc::kInvalidArgument);
  std::string growing;
  while (growing.size() + 3 <= kMaxPasswordBytes) {
    growing += "\xEF\xB7\xBA";  // U+FDFA: NFKC makes 18 characters of it
  }
  EXPECT_GT(normalize_password(growing).value().size(), 5 * growing.size());
  // Length counts characters after NFKC, not bytes: eight CJK characters pass.
  EXPECT_TRUE(check_password(PasswordPolicy{}, "證券交易密碼安全1").has_value());
}

TEST(PasswordAge, AdvisoryByDefaultMandatoryBySwitchForcedOnCompromise) {
  using std::chrono::days;
  const std::chrono::sys_seconds changed{std::chrono::seconds(1'800'000'000)};
  EXPECT_FALSE(password_age(changed, changed + days(90)).advise_change);
  const PasswordAge old = password_age(changed, changed + days(91));
  EXPECT_TRUE(old.advise_change);
  EXPECT_FALSE(old.must_change);
  EXPECT_TRUE(password_age(changed, changed + days(91), {days(90), true}).must_change);
  EXPECT_FALSE(password_age(changed, changed + days(10), {days(90), true}).must_change);
  EXPECT_TRUE(password_age(changed, changed + days(1), {}, true).must_change);
}

TEST(Argon2id, Rfc9106Section5_3) {
  std::ifstream in(std::string(ETAUTH_TEST_DATA) + "/otp-vectors.json");
  const auto data = nlohmann::json::parse(in)["argon2_rfc9106"];
  const auto& inputs = data["common_inputs"];
  const Argon2Params params{inputs["memory_kib"], inputs["passes_t"], inputs["parallelism_lanes"]};
  const auto tag =
      argon2id(from_hex(inputs["password_hex"]), from_hex(inputs["salt_hex"]), params,
               from_hex(inputs["secret_K_hex"]), from_hex(inputs["associated_data_X_hex"]));
  ASSERT_TRUE(tag.has_value()) << tag.error().message;
  EXPECT_EQ(*tag, from_hex(data["tags"]["argon2id"]));
}

TEST(Argon2id, TheOwaspParametersCrossCheck) {
  std::ifstream in(std::string(ETAUTH_TEST_DATA) + "/otp-vectors.json");
  const auto data = nlohmann::json::parse(in)["argon2id_crosscheck_local"];
  const auto tag = argon2id(bytes("password"), bytes("somesaltsomesalt"), Argon2Params{});
  ASSERT_TRUE(tag.has_value());
  EXPECT_EQ(*tag, from_hex(data["raw_tag_hex"]));
}

TEST(PasswordRecord, RoundTripsAndRefusesWhatIsWrong) {
  PasswordRecord record;
  record.params = {19456, 2, 1};
  record.pepper_key = "pepper-2026";
  record.salt = Bytes(16, 7);
  record.tag = Bytes(32, 9);
  const std::string text = format_password_record(record);
  EXPECT_TRUE(text.starts_with("$argon2id-hmac$v=19$m=19456,t=2,p=1,k=pepper-2026$"));
  const auto parsed = parse_password_record(text);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->params, record.params);
  EXPECT_EQ(parsed->salt, record.salt);
  EXPECT_EQ(parsed->tag, record.tag);
  const std::map<std::string, std::string> broken{
      {"$argon2id$v=19$m=19456,t=2,p=1,k=a$AAAAAAAAAAAAAAAAAAAAAA$" + std::string(43, 'A'),
       "algorithm"},
      {"$argon2id-hmac$v=16$m=19456,t=2,p=1,k=a$AAAAAAAAAAAAAAAAAAAAAA$x", "version"},
      {"$argon2id-hmac$v=19$t=2,m=19456,p=1,k=a$AAAAAAAAAAAAAAAAAAAAAA$x", "order"},
      {"$argon2id-hmac$v=19$m=019456,t=2,p=1,k=a$AAAAAAAAAAAAAAAAAAAAAA$x", "number"},
      {"$argon2id-hmac$v=19$m=4,t=2,p=1,k=a$AAAAAAAAAAAAAAAAAAAAAA$x", "range"},
      {"$argon2id-hmac$v=19$m=19456,t=2,p=1,k=a b$AAAAAAAAAAAAAAAAAAAAAA$x", "pepper"},
      {"$argon2id-hmac$v=19$m=19456,t=2,p=1,k=a$AAAA$" + std::string(43, 'A'), "salt"},
      {"$argon2id-hmac$v=19$m=19456,t=2,p=1,k=a$AAAAAAAAAAAAAAAAAAAAAA$AAAA", "tag"},
      {"$argon2id-hmac$v=19$m=19456,t=2,p=1,k=a$AAAAAAAAAAAAAAAAAAAAAB$" + std::string(43, 'A'),
       "salt"},  // stray low bits: not canonical base64
  };
  for (const auto& [text_broken, part] : broken) {
    const auto refused = parse_password_record(text_broken);
    ASSERT_FALSE(refused.has_value()) << text_broken;
    EXPECT_NE(refused.error().message.find(part), std::string::npos)
        << text_broken << ": " << refused.error().message;
  }
}

TEST(PasswordHasher, VerifiesRehashesOnChangeAndCostsTheSameForUnknownUsers) {
  SoftwareHsm hsm;
  SystemRandom random;
  PasswordHasher hasher = PasswordHasher::create(hsm, random, kFast, "pepper-1").value();
  const std::string record = hasher.hash("ｔｒａｄｅ-123").value();
  const std::string again = hasher.hash("trade-123").value();
  EXPECT_NE(record, again);                                  // salted
  EXPECT_TRUE(hasher.verify("trade-123", record)->matches);  // NFKC on both sides
  EXPECT_FALSE(hasher.verify("trade-124", record)->matches);
  EXPECT_FALSE(hasher.verify("trade-123", record)->needs_rehash);

  PasswordHasher rotated = PasswordHasher::create(hsm, random, kFast, "pepper-2").value();
  const auto old_pepper = rotated.verify("trade-123", record).value();
  EXPECT_TRUE(old_pepper.matches);  // the record names its key
  EXPECT_TRUE(old_pepper.needs_rehash);
  PasswordHasher stronger =
      PasswordHasher::create(hsm, random, Argon2Params{128, 2, 1}, "pepper-1").value();
  EXPECT_TRUE(stronger.verify("trade-123", record)->needs_rehash);
  EXPECT_FALSE(stronger.verify("wrong-123", record)->needs_rehash);

  const int before = hsm.calls;
  const auto unknown = hasher.verify_unknown_user("trade-123");
  ASSERT_TRUE(unknown.has_value());
  EXPECT_FALSE(unknown->matches);
  EXPECT_GE(hsm.calls - before, 1);  // the same Argon2 and HMAC work as a real check
}

}  // namespace
}  // namespace etauth
