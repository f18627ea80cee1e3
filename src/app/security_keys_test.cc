// Security keys on a real workspace, with a software authenticator that
// builds authenticator data and client data as a browser and a key would
// and signs with a P-256 key: registration, logins, replays, refusals, the
// ledger read back.
#include "app/security_keys.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>

#include "app/ledger.h"
#include "app/registers.h"
#include "app/users.h"
#include "core/digest.h"
#include "etauth/crypto.h"
#include "store/sqlite.h"

namespace etguard::app {
namespace {

std::string raw(const Sha256& digest) {
  return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

std::string big_endian(std::uint32_t value, int bytes) {
  std::string out;
  for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((value >> static_cast<unsigned>(shift)) & 0xFFU));
  }
  return out;
}

// What a FIDO2 key and the browser around it produce.
struct SoftAuthenticator {
  etauth::PrivateKey key = etauth::PrivateKey::generate_p256().value();
  std::string credential_id = std::string("\x5a\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b", 12);
  std::uint32_t counter = 0;

  NewSecurityKey registration(const KeyRegistrationOptions& options, std::string_view origin,
                              const std::string& name = "blue key") const {
    const std::string challenge = bytes_of_hex(options.challenge, "challenge").value();
    const std::string client = R"({"type":"webauthn.create","challenge":")" +
                               to_base64url(challenge) + R"(","origin":")" + std::string(origin) +
                               R"(","crossOrigin":false})";
    const std::string data = raw(sha256(options.rp_id)) + std::string(1, '\x41') +
                             big_endian(0, 4) + std::string(16, '\0') +
                             big_endian(static_cast<std::uint32_t>(credential_id.size()), 2) +
                             credential_id + "\xa5";  // the COSE key, not read
    const etauth::Bytes spki = key.public_der().value();
    return {.name = name,
            .credential_id = bytes_to_hex(credential_id),
            .client_data = bytes_to_hex(client),
            .authenticator_data = bytes_to_hex(data),
            .public_key = to_hex(spki.data(), spki.size()),
            .algorithm = -7};
  }

  KeyAssertion assertion(const KeyLoginChallenge& login, std::string_view origin) {
    ++counter;
    const std::string challenge = bytes_of_hex(login.challenge, "challenge").value();
    const std::string client = R"({"type":"webauthn.get","challenge":")" + to_base64url(challenge) +
                               R"(","origin":")" + std::string(origin) + R"("})";
    const std::string data =
        raw(sha256(login.rp_id)) + std::string(1, '\x01') + big_endian(counter, 4);
    const std::string message = data + raw(sha256(client));
    const etauth::Bytes signature =
        key.sign(etauth::SignatureScheme::kEcdsaP256Sha256,
                 {reinterpret_cast<const std::uint8_t*>(message.data()), message.size()})
            .value();
    return {.handle = login.handle,
            .credential_id = bytes_to_hex(credential_id),
            .client_data = bytes_to_hex(client),
            .authenticator_data = bytes_to_hex(data),
            .signature = to_hex(signature.data(), signature.size())};
  }
};

class SecurityKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("etg-keys-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    session_.emplace(Session::create(dir_, "", {&clock_, "mei"}).value());
    ASSERT_TRUE(import_registers_file(
        *session_, std::filesystem::path(ETG_SOURCE_DIR) / "src/assess/testdata/firm.yaml"));
    users_.emplace(Users::open(*session_).value());
    ASSERT_TRUE(users_->add({"mei", "Mei <mei@broker.example>", "officer", {}}, kPassword));
    ASSERT_TRUE(users_->add({"lee", "Lee <lee@broker.example>", "admin", {}}, kPassword));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Registers `authenticator` as mei's key; the error when refused.
  Result<workspace::SecurityKey> register_key(const SoftAuthenticator& authenticator,
                                              std::string_view origin = kOrigin) {
    auto options = begin_key_registration_as(*session_, {mei_, true}, challenges_, party_);
    EXPECT_TRUE(options) << options.error().message;
    return add_security_key_as(*session_, {mei_, true}, challenges_, party_,
                               authenticator.registration(*options, std::string(origin)));
  }
  std::vector<std::string> ledger_of(const std::string& name) {
    std::vector<std::string> out;
    for (const store::LedgerLine& line : latest_ledger_lines(*session_, 1000).value()) {
      if (line.object == "user/" + name) {
        out.push_back(line.action);
      }
    }
    return out;
  }
  void sql(const std::string& statement) {
    auto db = store::Database::open(dir_ / ".etguard" / "workspace.db", false).value();
    ASSERT_TRUE(db.exec(statement));
  }

  static constexpr std::string_view kPassword = "correct horse 42 battery";
  static constexpr std::string_view kOrigin = "https://etguard.broker.example";
  FixedClock clock_ = FixedClock::at("2027-03-01T09:00:00Z");
  SeededRandom random_{7};
  KeyChallenges challenges_{clock_, random_};
  RelyingParty party_ = relying_party(kOrigin).value();
  Principal mei_{.name = "mei", .display = "Mei", .role = Role::kOfficer, .objects = {}};
  std::filesystem::path dir_;
  std::optional<Session> session_;
  std::optional<Users> users_;
};

TEST_F(SecurityKeysTest, TheOriginMustBeHttpsWithADomainName) {
  EXPECT_EQ(relying_party("https://localhost:8443").value().id, "localhost");
  EXPECT_EQ(party_.id, "etguard.broker.example");
  for (const char* bad : {"http://etguard.example", "https://127.0.0.1:8443", "https://[::1]:8443",
                          "https://etguard.example/login", "etguard.example", "https://"}) {
    EXPECT_FALSE(relying_party(bad)) << bad;
  }
}

TEST_F(SecurityKeysTest, ARegisteredKeyLogsInInsteadOfTheCode) {
  SoftAuthenticator key;
  auto added = register_key(key);
  ASSERT_TRUE(added) << added.error().message;
  EXPECT_EQ(added->name, "blue key");
  EXPECT_EQ(added->rp_id, "etguard.broker.example");
  EXPECT_EQ(security_keys_as(*session_, mei_).value().size(), 1U);

  auto login = users_->start_key_login("Mei", kPassword, "127.0.0.1", challenges_, party_);
  ASSERT_TRUE(login) << login.error().message;
  EXPECT_EQ(login->credentials, std::vector<std::string>{added->id});
  auto in = users_->finish_key_login(key.assertion(*login, kOrigin), challenges_, party_);
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(in->name, "mei");
  EXPECT_EQ(security_keys_as(*session_, mei_).value()[0].sign_count, 1U);
  EXPECT_EQ(ledger_of("mei"),
            (std::vector<std::string>{"user.add", "user.key_add", "login.success"}));
  EXPECT_TRUE(verify_ledger(*session_, "").value().problem.empty());
  EXPECT_TRUE(session_->workspace().verify_state().value().empty());
}

TEST_F(SecurityKeysTest, AnAnswerIsUsedOnceAndACounterThatDoesNotGrowIsRefused) {
  SoftAuthenticator key;
  ASSERT_TRUE(register_key(key));
  auto login = users_->start_key_login("mei", kPassword, "127.0.0.1", challenges_, party_);
  ASSERT_TRUE(login);
  const KeyAssertion answer = key.assertion(*login, kOrigin);
  ASSERT_TRUE(users_->finish_key_login(answer, challenges_, party_));
  EXPECT_FALSE(users_->finish_key_login(answer, challenges_, party_));  // the same answer again

  // A clone of the key: a new challenge signed with the old counter.
  auto again = users_->start_key_login("mei", kPassword, "127.0.0.1", challenges_, party_);
  ASSERT_TRUE(again);
  key.counter = 0;
  EXPECT_FALSE(users_->finish_key_login(key.assertion(*again, kOrigin), challenges_, party_));
  EXPECT_EQ(ledger_of("mei").back(), "login.failure");
}

TEST_F(SecurityKeysTest, AnAssertionFromAnotherOriginOrKeyIsAFailedLogin) {
  SoftAuthenticator key;
  ASSERT_TRUE(register_key(key));
  auto login = users_->start_key_login("mei", kPassword, "127.0.0.1", challenges_, party_);
  ASSERT_TRUE(login);
  EXPECT_FALSE(users_->finish_key_login(key.assertion(*login, "https://phish.example"), challenges_,
                                        party_));
  SoftAuthenticator stranger;  // the same credential id, another private key
  auto second = users_->start_key_login("mei", kPassword, "127.0.0.1", challenges_, party_);
  ASSERT_TRUE(second);
  EXPECT_FALSE(users_->finish_key_login(stranger.assertion(*second, kOrigin), challenges_, party_));
  const auto actions = ledger_of("mei");
  EXPECT_EQ(std::ranges::count(actions, "login.failure"), 2);
}

TEST_F(SecurityKeysTest, AUserWithoutKeysIsRefusedAsAWrongCodeWouldBe) {
  auto login = users_->start_key_login("lee", kPassword, "127.0.0.1", challenges_, party_);
  ASSERT_FALSE(login);
  EXPECT_EQ(ledger_of("lee").back(), "login.failure");
  auto wrong =
      users_->start_key_login("lee", "not the password 1", "127.0.0.1", challenges_, party_);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(login.error().message,
            wrong.error().message);  // the password's being right is not told
}

TEST_F(SecurityKeysTest, ARegistrationIsRefusedUnlessItAnswersOurChallengeOnOurOrigin) {
  SoftAuthenticator key;
  const auto refused = register_key(key, "https://phish.example");
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("phish.example"), std::string::npos)
      << refused.error().message;
  // Nothing begun: no challenge to answer.
  const KeyRegistrationOptions forged{.challenge = std::string(64, '0'),
                                      .rp_id = party_.id,
                                      .user_handle = {},
                                      .user_name = "mei",
                                      .user_display = {},
                                      .exclude = {}};
  EXPECT_FALSE(add_security_key_as(*session_, {mei_, true}, challenges_, party_,
                                   key.registration(forged, kOrigin)));
  // Without a fresh login, nothing begins.
  const auto stale = begin_key_registration_as(*session_, {mei_, false}, challenges_, party_);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().kind, ErrorKind::kDenied);
  // A challenge answered after two minutes is gone.
  auto options = begin_key_registration_as(*session_, {mei_, true}, challenges_, party_);
  ASSERT_TRUE(options);
  clock_.advance(std::chrono::minutes(3));
  EXPECT_FALSE(add_security_key_as(*session_, {mei_, true}, challenges_, party_,
                                   key.registration(*options, kOrigin)));
  EXPECT_TRUE(security_keys_as(*session_, mei_).value().empty());
}

TEST_F(SecurityKeysTest, AKeyIsRemovedByItsUserOrAnAdministratorAndThenLogsInNoMore) {
  SoftAuthenticator key;
  auto added = register_key(key);
  ASSERT_TRUE(added);
  const Principal chair{.name = "chair", .display = "", .role = Role::kBoard, .objects = {}};
  EXPECT_EQ(remove_security_key_as(*session_, {chair, true}, "mei", added->id).error().kind,
            ErrorKind::kDenied);
  const Principal lee{.name = "lee", .display = "", .role = Role::kAdmin, .objects = {}};
  ASSERT_TRUE(remove_security_key_as(*session_, {lee, true}, "mei", added->id));
  EXPECT_FALSE(users_->start_key_login("mei", kPassword, "127.0.0.1", challenges_, party_));
  EXPECT_EQ(ledger_of("mei")[2], "user.key_remove");
  EXPECT_TRUE(session_->workspace().verify_state().value().empty());
}

TEST_F(SecurityKeysTest, AKeyPutIntoTheDatabaseBehindEtguardsBackIsNamedByTheVerification) {
  SoftAuthenticator key;
  auto added = register_key(key);
  ASSERT_TRUE(added);
  SoftAuthenticator intruder;
  const etauth::Bytes spki = intruder.key.public_der().value();
  workspace::SecurityKey forged = *added;
  forged.public_key = to_hex(spki.data(), spki.size());
  sql("UPDATE users SET security_keys = '" + workspace::security_keys_text({forged}) +
      "' WHERE name = 'mei'");
  const auto problems = session_->workspace().verify_state().value();
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_NE(problems[0].find("user/mei"), std::string::npos) << problems[0];
}

}  // namespace
}  // namespace etguard::app
