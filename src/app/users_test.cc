// Users and logins on a real workspace: a fixed clock, the TOTP codes an
// authenticator app would show, the ledger read back.
#include "app/users.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "app/ledger.h"
#include "app/registers.h"
#include "app/session.h"
#include "etauth/otp.h"
#include "store/sqlite.h"
#include "support/authenticator.h"
#include "workspace/states.h"

namespace etguard::app {
namespace {

using etguard::testing::seed_of;

class UsersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("etg-users-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    session_.emplace(Session::create(dir_, "", {&clock_, "admin-on-terminal"}).value());
    ASSERT_TRUE(import_registers_file(
        *session_, std::filesystem::path(ETG_SOURCE_DIR) / "src/assess/testdata/firm.yaml"));
    users_.emplace(Users::open(*session_).value());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Adds `name` and returns their TOTP seed.
  etauth::Bytes add(const std::string& name, const std::string& role = "officer") {
    auto enrolment =
        users_->add({name, name + " <" + name + "@broker.example>", role, {}}, kPassword);
    EXPECT_TRUE(enrolment) << enrolment.error().message;
    return enrolment ? seed_of(enrolment->otpauth_uri) : etauth::Bytes{};
  }
  std::string code(const etauth::Bytes& seed) {
    return etauth::totp(seed, std::chrono::floor<std::chrono::seconds>(clock_.now())).value();
  }
  // Each action of the ledger on "user/NAME", with its actor.
  std::vector<std::string> ledger_of(const std::string& name) {
    std::vector<std::string> out;
    const auto lines = latest_ledger_lines(*session_, 1000).value();
    for (const store::LedgerLine& line : lines) {
      if (line.object == "user/" + name) {
        out.push_back(line.action + " by " + line.actor);
      }
    }
    return out;
  }

  static constexpr std::string_view kPassword = "correct horse 42 battery";
  FixedClock clock_ = FixedClock::at("2027-03-01T09:00:00Z");
  std::filesystem::path dir_;
  std::optional<Session> session_;
  std::optional<Users> users_;
};

TEST_F(UsersTest, ANewUserLogsInWithPasswordAndCodeAndTheLedgerSaysWho) {
  const etauth::Bytes seed = add("mei");
  ASSERT_EQ(seed.size(), 20U);
  auto in = users_->log_in("Mei", kPassword, code(seed), "127.0.0.1");  // case-folded
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(in->name, "mei");
  EXPECT_EQ(in->role, Role::kOfficer);
  EXPECT_FALSE(in->advise_password_change);
  EXPECT_EQ(ledger_of("mei"),
            (std::vector<std::string>{"user.add by admin-on-terminal", "login.success by mei"}));
  // The same code again is a replay: refused and counted.
  auto again = users_->log_in("mei", kPassword, code(seed), "127.0.0.1");
  ASSERT_FALSE(again);
  EXPECT_EQ(ledger_of("mei").back(), "login.failure by mei");
  clock_.advance(std::chrono::seconds(30));
  EXPECT_TRUE(users_->log_in("mei", kPassword, code(seed), "127.0.0.1"));
  EXPECT_TRUE(verify_ledger(*session_, "").value().problem.empty());
  EXPECT_TRUE(session_->workspace().verify_state().value().empty());
}

TEST_F(UsersTest, FiveFailuresLockAndOnlyAVerifiedUnlockOpensAgain) {
  const etauth::Bytes seed = add("wang");
  for (int i = 1; i <= 4; ++i) {
    auto wrong = users_->log_in("wang", "wrong password 1", code(seed), "127.0.0.1");
    ASSERT_FALSE(wrong);
    EXPECT_NE(wrong.error().message.find("wrong"), std::string::npos);
  }
  // A right password with a wrong code counts too: the fifth locks.
  auto fifth = users_->log_in("wang", kPassword, "000000", "127.0.0.1");
  ASSERT_FALSE(fifth);
  EXPECT_NE(fifth.error().message.find("locked"), std::string::npos);
  EXPECT_NE(fifth.error().message_zh.find("鎖定"), std::string::npos);
  auto right = users_->log_in("wang", kPassword, code(seed), "127.0.0.1");
  ASSERT_FALSE(right);
  EXPECT_NE(right.error().message.find("locked"), std::string::npos);
  clock_.advance(std::chrono::hours(24 * 30));  // time never unlocks
  EXPECT_FALSE(users_->log_in("wang", kPassword, code(seed), "127.0.0.1"));
  const auto listed = users_->list().value();
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_TRUE(listed[0].locked);
  EXPECT_EQ(listed[0].failures, 5);

  EXPECT_FALSE(users_->unlock("wang", "  "));  // how the identity was checked is required
  ASSERT_TRUE(users_->unlock("wang", "staff card seen at the desk, ticket IT-1207"));
  EXPECT_TRUE(users_->log_in("wang", kPassword, code(seed), "127.0.0.1"));
  const auto actions = ledger_of("wang");
  EXPECT_EQ(std::ranges::count(actions, "login.failure by wang"), 4);
  EXPECT_EQ(std::ranges::count(actions, "login.locked by wang"), 3);
  EXPECT_EQ(std::ranges::count(actions, "user.unlock by admin-on-terminal"), 1);
  EXPECT_EQ(actions.back(), "login.success by wang");
  EXPECT_NE(users_->list().value()[0].note.find("ticket IT-1207"), std::string::npos);
  EXPECT_TRUE(session_->workspace().verify_state().value().empty());
}

TEST_F(UsersTest, UnknownAndDisabledUsersAreToldTheSameAsAWrongPassword) {
  const etauth::Bytes seed = add("lin");
  auto unknown = users_->log_in("nobody", kPassword, "123456", "127.0.0.1");
  ASSERT_FALSE(unknown);
  ASSERT_TRUE(users_->disable("lin", "left the firm"));
  auto disabled = users_->log_in("lin", kPassword, code(seed), "127.0.0.1");
  ASSERT_FALSE(disabled);
  EXPECT_EQ(disabled.error().message, unknown.error().message);
  EXPECT_TRUE(users_->list().value()[0].disabled);
  // A reset (new password, new seed) after verification enables again; the old seed is dead.
  auto reset = users_->reset("lin", "another long secret 7", "rehired, HR letter 2027-14");
  ASSERT_TRUE(reset) << reset.error().message;
  clock_.advance(std::chrono::seconds(30));
  EXPECT_FALSE(users_->log_in("lin", "another long secret 7", code(seed), "127.0.0.1"));
  clock_.advance(std::chrono::seconds(30));
  EXPECT_TRUE(users_->log_in("lin", "another long secret 7", code(seed_of(reset->otpauth_uri)),
                             "127.0.0.1"));
}

TEST_F(UsersTest, WhatIsAddedIsChecked) {
  add("chen");
  auto again = users_->add({"CHEN", "", "officer", {}}, kPassword);
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("exists"), std::string::npos);
  auto weak = users_->add({"hsu", "", "officer", {}}, "short1");
  ASSERT_FALSE(weak);
  EXPECT_NE(weak.error().message_zh.find("密碼"), std::string::npos);
  auto role = users_->add({"hsu", "", "superuser", {}}, kPassword);
  ASSERT_FALSE(role);
  EXPECT_NE(role.error().message.find("admin | officer | owner | auditor | board"),
            std::string::npos);
  EXPECT_FALSE(users_->add({"hsu", "", "officer", {"cloud/aws-trading"}}, kPassword));
  auto missing = users_->add({"hsu", "", "owner", {"cloud/none"}}, kPassword);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
  EXPECT_FALSE(users_->add({"a b", "", "officer", {}}, kPassword));
  EXPECT_FALSE(users_->add({"a/b", "", "officer", {}}, kPassword));
  EXPECT_EQ(users_->list().value().size(), 1U);
}

TEST_F(UsersTest, ThePasswordIsAdvisedToChangeAfterThreeMonths) {
  const etauth::Bytes seed = add("tsai");
  clock_.advance(std::chrono::hours(24 * 91));
  auto in = users_->log_in("tsai", kPassword, code(seed), "127.0.0.1");
  ASSERT_TRUE(in);
  EXPECT_TRUE(in->advise_password_change);
  EXPECT_TRUE(users_->list().value()[0].advise_password_change);
}

TEST_F(UsersTest, NoSecretReachesTheLedgerAndAnEditBehindItsBackIsNamed) {
  add("kuo", "auditor");
  const store::UserRecord record = session_->workspace().user("kuo").value().value();
  const std::string state = workspace::user_state(record);
  EXPECT_EQ(state.find(record.password), std::string::npos);
  EXPECT_EQ(state.find(record.otp_seed), std::string::npos);
  EXPECT_NE(record.password.find("argon2id"), std::string::npos);
  {
    auto db = store::Database::open(dir_ / ".etguard" / "workspace.db", false).value();
    ASSERT_TRUE(db.exec("UPDATE users SET role = 'admin' WHERE name = 'kuo'"));
  }
  const auto problems = session_->workspace().verify_state().value();
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_NE(problems[0].find("user user/kuo differs"), std::string::npos);
}

}  // namespace
}  // namespace etguard::app

namespace etguard::app {
namespace {

constexpr const char* kSoftHsm = "/usr/lib/softhsm/libsofthsm2.so";

// The users' keys on a PKCS#11 token (SoftHSM2 in a directory of its own).
class UsersOnTokenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kSoftHsm)) {
      GTEST_SKIP() << "SoftHSM2 is not installed";
    }
    dir_ =
        std::filesystem::temp_directory_path() / ("etg-users-token-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "tokens");
    std::ofstream(dir_ / "softhsm2.conf") << "directories.tokendir = " << (dir_ / "tokens").string()
                                          << "\nobjectstore.backend = file\nlog.level = ERROR\n";
    ::setenv("SOFTHSM2_CONF", (dir_ / "softhsm2.conf").c_str(), 1);
    ::setenv("ETGUARD_PKCS11_PIN", "1234", 1);
    ASSERT_EQ(
        std::system("softhsm2-util --init-token --free --label users --so-pin 5678 --pin 1234 "
                    ">/dev/null"),
        0);
    session_.emplace(Session::create(dir_ / "ws", "", {&clock_, "admin-on-terminal"}).value());
  }
  void TearDown() override {
    ::unsetenv("ETGUARD_PKCS11_PIN");
    std::filesystem::remove_all(dir_);
  }

  static std::string uri(const std::string& object) {
    return "pkcs11:token=users;object=" + object + "?module-path=" + kSoftHsm;
  }

  FixedClock clock_ = FixedClock::at("2027-03-01T09:00:00Z");
  std::filesystem::path dir_;
  std::optional<Session> session_;
};

TEST_F(UsersOnTokenTest, PasswordsAndSeedsUseTheTokensKeysAndTheWorkspaceKeepsOnlyTheUri) {
  auto kept = Users::keep_keys_on_token(*session_, uri("etguard-users"));
  ASSERT_TRUE(kept) << kept.error().message;
  EXPECT_EQ(kept->find("1234"), std::string::npos) << "no PIN is kept";
  auto users = Users::open(*session_);
  ASSERT_TRUE(users) << users.error().message;
  auto enrolment = users->add({"mei", "Mei <mei@broker.example>", "admin", {}}, "correct horse 42");
  ASSERT_TRUE(enrolment) << enrolment.error().message;
  const auto seed = etguard::testing::seed_of(enrolment->otpauth_uri);
  const auto code =
      etauth::totp(seed, std::chrono::floor<std::chrono::seconds>(clock_.now())).value();
  EXPECT_TRUE(users->log_in("mei", "correct horse 42", code, "127.0.0.1"));
  EXPECT_FALSE(std::filesystem::exists(session_->workspace().paths().root / "keys" / "auth.key"))
      << "no key file when the keys are on a token";
  EXPECT_EQ(session_->workspace().settings().value().at("auth.key_uri"), *kept);

  // Another opening (a server's request) finds the same keys. (Without the
  // PIN the token refuses: tests/cli/pkcs11_workspace_test.cc, in a process
  // of its own, since a token keeps a process logged in.)
  EXPECT_TRUE(Users::open(*session_));

  // Once a user exists, the keys cannot move: their hash and seal need them.
  auto moved = Users::keep_keys_on_token(*session_, uri("other"));
  ASSERT_FALSE(moved);
  EXPECT_NE(moved.error().message.find("1 users already"), std::string::npos)
      << moved.error().message;
}

TEST_F(UsersOnTokenTest, AWrongPasswordIsStillRefusedAndAnotherTokenIsNotTakenSilently) {
  ASSERT_TRUE(Users::keep_keys_on_token(*session_, uri("a")));
  auto twice = Users::keep_keys_on_token(*session_, uri("b"));
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().message.find("already"), std::string::npos);
  auto users = Users::open(*session_).value();
  auto enrolment =
      users.add({"lee", "Lee <lee@broker.example>", "officer", {}}, "correct horse 42");
  ASSERT_TRUE(enrolment);
  const auto code = etauth::totp(etguard::testing::seed_of(enrolment->otpauth_uri),
                                 std::chrono::floor<std::chrono::seconds>(clock_.now()))
                        .value();
  EXPECT_FALSE(users.log_in("lee", "wrong horse 42!", code, "127.0.0.1"));
}

TEST_F(UsersOnTokenTest, AnUnreachableTokenIsRefusedAndNothingIsKept) {
  auto kept = Users::keep_keys_on_token(
      *session_, "pkcs11:token=nonesuch;object=x?module-path=" + std::string(kSoftHsm));
  ASSERT_FALSE(kept);
  EXPECT_FALSE(session_->workspace().settings().value().contains("auth.key_uri"));
}

}  // namespace
}  // namespace etguard::app
