// Lockout (Art. 36(5)) on both stores: five failed logins lock — wrong
// passwords and wrong second factors alike — exactly, however many logins
// race, and no more than five passwords are ever checked; a locked account
// refuses the right password; only a proof of identity unlocks; the source
// throttle does not count; one account however its id is typed.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <vector>

#include "etauth/lockout.h"

namespace etauth {
namespace {

class FixedClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override { return now_; }
  void advance(std::chrono::seconds by) { now_ += by; }

 private:
  std::chrono::system_clock::time_point now_{std::chrono::seconds(1'800'000'000)};
};

class LockoutTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    if (GetParam()) {
      path_ = std::filesystem::temp_directory_path() /
              ("etauth-lockout-" + std::to_string(::getpid()) + ".db");
      std::filesystem::remove(path_);
      auto opened = SqliteLockoutStore::open(path_.string());
      ASSERT_TRUE(opened.has_value()) << opened.error().message;
      store_ = std::move(*opened);
    } else {
      store_ = std::make_unique<MemoryLockoutStore>();
    }
  }
  void TearDown() override {
    store_.reset();
    if (!path_.empty()) {
      std::filesystem::remove(path_);
      std::filesystem::remove(path_.string() + "-wal");
      std::filesystem::remove(path_.string() + "-shm");
    }
  }
  // One login attempt through the whole flow: password, then (when it was
  // right) the second factor.
  Errc attempt(Lockout& lockout, const std::string& user, bool correct,
               const std::string& source = "10.0.0.1", bool second_factor_correct = true) {
    if (auto before = lockout.before_password(user, source); !before) {
      return before.error().code;
    }
    if (auto after = lockout.after_password(user, correct); !after) {
      return after.error().code;
    }
    auto second = lockout.after_second_factor(user, second_factor_correct);
    return second ? Errc::kInvalidArgument /* stands for success */ : second.error().code;
  }
  std::chrono::sys_seconds now_seconds() const {
    return std::chrono::floor<std::chrono::seconds>(clock_.now());
  }
  std::filesystem::path path_;
  std::unique_ptr<LockoutStore> store_;
  FixedClock clock_;
};

constexpr Errc kSuccess = Errc::kInvalidArgument;

TEST_P(LockoutTest, TheFifthWrongPasswordLocksAndTheRightOneIsRefusedThen) {
  LockoutPolicy policy;
  policy.source_attempts = 1000;
  Lockout lockout(*store_, clock_, policy);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(attempt(lockout, "A123456789", false), Errc::kBadCredential);
  }
  EXPECT_EQ(attempt(lockout, "A123456789", true), kSuccess);  // a success resets the count
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(attempt(lockout, "A123456789", false), Errc::kBadCredential);
  }
  EXPECT_EQ(attempt(lockout, "A123456789", false), Errc::kLocked);  // the fifth in a row
  EXPECT_EQ(attempt(lockout, "A123456789", true), Errc::kLocked);
  clock_.advance(std::chrono::hours(24 * 30));
  EXPECT_EQ(attempt(lockout, "A123456789", true), Errc::kLocked);  // time alone never unlocks
  EXPECT_EQ(attempt(lockout, "B987654321", true), kSuccess);       // others are not affected
}

TEST_P(LockoutTest, OnlyAProofOfIdentityUnlocks) {
  Lockout lockout(*store_, clock_);
  for (int i = 0; i < 5; ++i) {
    attempt(lockout, "A1", false);
  }
  ASSERT_EQ(attempt(lockout, "A1", true), Errc::kLocked);
  const Bytes seed(20, 0x42);
  const std::string code = totp(seed, now_seconds()).value();
  EXPECT_FALSE(UnlockProof::from_otp(seed, "000000" == code ? "111111" : "000000", now_seconds(),
                                     std::nullopt)
                   .has_value());
  EXPECT_FALSE(UnlockProof::in_person("", "KYC-1").has_value());
  const auto proof = UnlockProof::from_otp(seed, code, now_seconds(), std::nullopt);
  ASSERT_TRUE(proof.has_value()) << proof.error().message;
  ASSERT_TRUE(lockout.unlock("A1", *proof).has_value());
  EXPECT_EQ(attempt(lockout, "A1", true), kSuccess);
  EXPECT_EQ(store_->state("a1")->failures, 0);
  const auto in_person = UnlockProof::in_person("teller-07", "KYC-2026-0042");
  ASSERT_TRUE(in_person.has_value());
  EXPECT_NE(in_person->description().find("teller-07"), std::string::npos);
}

TEST_P(LockoutTest, TheSourceThrottleComesFirstAndDoesNotCount) {
  LockoutPolicy policy;
  policy.source_attempts = 3;
  Lockout lockout(*store_, clock_, policy);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(attempt(lockout, "A1", false, "198.51.100.7"), Errc::kBadCredential);
  }
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(attempt(lockout, "A1", false, "198.51.100.7"), Errc::kThrottled);
  }
  EXPECT_EQ(store_->state("a1")->failures, 3);  // throttled attempts never reached the count
  clock_.advance(std::chrono::seconds(61));
  EXPECT_EQ(attempt(lockout, "A1", true, "198.51.100.7"), kSuccess);
}

TEST_P(LockoutTest, ManyThreadsLockAtExactlyFiveAndNoRightPasswordSlipsThrough) {
  LockoutPolicy policy;
  policy.source_attempts = 1'000'000;
  Lockout lockout(*store_, clock_, policy);
  constexpr int kThreads = 16;
  constexpr int kAttempts = 20;
  std::atomic<int> successes_after_lock{0};
  std::atomic<bool> locked_seen{false};
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kAttempts; ++i) {
        // Odd threads try the right password now and then.
        const bool correct = t % 2 == 1 && i % 7 == 3;
        const bool was_locked = store_->state("a1")->locked;
        const Errc result = attempt(lockout, "A1", correct);
        locked_seen = locked_seen || result == Errc::kLocked;
        if (was_locked && result == kSuccess) {
          ++successes_after_lock;
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  const LockState state = store_->state("a1").value();
  EXPECT_TRUE(state.locked);
  EXPECT_EQ(state.failures, 5);  // the fifth locks; none counts after
  EXPECT_TRUE(locked_seen);
  EXPECT_EQ(successes_after_lock, 0);
}

// Defect 2: a correct password reset the count before the OTP was checked,
// so someone holding a phished password could guess codes without limit.
TEST_P(LockoutTest, WrongSecondFactorsCountAndOnlyAWholeLoginResets) {
  LockoutPolicy policy;
  policy.source_attempts = 1000;
  Lockout lockout(*store_, clock_, policy);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(attempt(lockout, "A1", true, "10.0.0.1", false), Errc::kBadCredential);
  }
  EXPECT_EQ(store_->state("a1")->failures, 4);
  EXPECT_EQ(attempt(lockout, "A1", true, "10.0.0.1", false), Errc::kLocked);
  EXPECT_EQ(attempt(lockout, "A1", true), Errc::kLocked);
  // Mixed: wrong passwords and wrong codes add up; a whole login resets.
  Lockout other(*store_, clock_, policy);
  EXPECT_EQ(attempt(other, "B2", false), Errc::kBadCredential);
  EXPECT_EQ(attempt(other, "B2", true, "10.0.0.1", false), Errc::kBadCredential);
  EXPECT_EQ(attempt(other, "B2", true), kSuccess);
  EXPECT_EQ(store_->state("b2")->failures, 0);
}

// Defect 3: the failure was counted after Argon2, so 40 concurrent guesses
// were all checked against a threshold of 5.
TEST_P(LockoutTest, FortyConcurrentGuessesCheckAtMostFivePasswords) {
  LockoutPolicy policy;
  policy.source_attempts = 1'000'000;
  Lockout lockout(*store_, clock_, policy);
  std::atomic<int> checked{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  threads.reserve(40);
  for (int t = 0; t < 40; ++t) {
    threads.emplace_back([&] {
      while (!go) {
        std::this_thread::yield();
      }
      if (!lockout.before_password("A1", "10.0.0.1")) {
        return;
      }
      ++checked;  // the Argon2 check would run here
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      (void)lockout.after_password("A1", false);
    });
  }
  go = true;
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_LE(checked.load(), 5);
  EXPECT_GE(checked.load(), 1);
  const LockState state = store_->state("a1").value();
  EXPECT_EQ(state.failures, checked.load());
  EXPECT_EQ(state.in_flight, 0);
}

TEST_P(LockoutTest, AnAttemptNeverFinishedStopsCountingAfterTheLease) {
  LockoutPolicy policy;
  policy.threshold = 2;
  Lockout lockout(*store_, clock_, policy);
  ASSERT_TRUE(lockout.before_password("A1", "10.0.0.1"));  // the caller dies here
  ASSERT_TRUE(lockout.before_password("A1", "10.0.0.1"));
  EXPECT_EQ(lockout.before_password("A1", "10.0.0.1").error().code, Errc::kThrottled);
  clock_.advance(policy.attempt_lease + std::chrono::seconds(1));
  EXPECT_TRUE(lockout.before_password("A1", "10.0.0.1"));
}

// Defect 4: the lock key was not normalised like the password.
TEST_P(LockoutTest, OneAccountHoweverItsIdIsTyped) {
  LockoutPolicy policy;
  policy.source_attempts = 1000;
  Lockout lockout(*store_, clock_, policy);
  for (int i = 0; i < 5; ++i) {
    (void)attempt(lockout, "A123456789", false);
  }
  EXPECT_EQ(attempt(lockout, "a123456789", true), Errc::kLocked);
  EXPECT_EQ(attempt(lockout, "Ａ１２３４５６７８９", true), Errc::kLocked);
  EXPECT_EQ(attempt(lockout, "ａ123456789", true), Errc::kLocked);
  EXPECT_EQ(canonical_account_key("Ａ１２３４５６７８９").value(), "a123456789");
  EXPECT_EQ(lockout.before_password("A1\xff", "10.0.0.1").error().code, Errc::kInvalidArgument);
}

TEST_P(LockoutTest, AFullThrottleTableStillLetsNewSourcesIn) {
  LockoutPolicy policy;
  policy.max_sources = 2;
  Lockout lockout(*store_, clock_, policy);
  EXPECT_EQ(attempt(lockout, "A1", true, "198.51.100.1"), kSuccess);
  EXPECT_EQ(attempt(lockout, "A2", true, "198.51.100.2"), kSuccess);
  EXPECT_EQ(attempt(lockout, "A3", true, "198.51.100.3"), kSuccess);
  EXPECT_EQ(attempt(lockout, "A4", true, "198.51.100.4"), kSuccess);
}

TEST(LockoutAudit, EveryStepIsOnTheTrail) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("etauth-lockout-audit-" + std::to_string(::getpid()) + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(path.string() + suffix);
  }
  FixedClock clock;
  const PrivateKey key = PrivateKey::generate_p256().value();
  auto audit = AuditLog::open(path.string(), key, clock).value();
  MemoryLockoutStore store;
  Lockout lockout(store, clock, {}, audit.get());
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(lockout.before_password("A1", "10.0.0.1"));
    (void)lockout.after_password("A1", false);
  }
  EXPECT_EQ(lockout.before_password("A1", "10.0.0.1").error().code, Errc::kLocked);
  const auto proof = UnlockProof::in_person("teller-07", "KYC-1").value();
  ASSERT_TRUE(lockout.unlock("A1", proof));
  ASSERT_TRUE(lockout.before_password("A1", "10.0.0.1"));
  ASSERT_TRUE(lockout.after_password("A1", true));
  ASSERT_TRUE(lockout.after_second_factor("A1", true));
  ASSERT_TRUE(audit->checkpoint());
  EXPECT_TRUE(audit->verify(PublicKey::from_der(key.public_der().value()).value()));
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  std::vector<std::pair<int, std::string>> rows;
  sqlite3_exec(
      db, "SELECT kind, detail FROM audit ORDER BY sequence",
      [](void* out, int, char** values, char**) {
        static_cast<std::vector<std::pair<int, std::string>>*>(out)->emplace_back(
            std::stoi(values[0]), values[1]);
        return 0;
      },
      &rows, nullptr);
  sqlite3_close(db);
  // Five failures, the lock, the refusal, the unlock with its proof, the
  // password, the login.
  ASSERT_EQ(rows.size(), 10U);
  EXPECT_EQ(rows[4].first, static_cast<int>(AuditKind::kLoginFailure));
  EXPECT_EQ(rows[5].first, static_cast<int>(AuditKind::kLock));
  EXPECT_EQ(rows[6].second, "refused: the account is locked");
  EXPECT_EQ(rows[7].first, static_cast<int>(AuditKind::kUnlock));
  EXPECT_NE(rows[7].second.find("teller-07"), std::string::npos);
  EXPECT_EQ(rows[8].first, static_cast<int>(AuditKind::kLogin));
  EXPECT_EQ(rows[9].second, "login succeeded");
  audit.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(path.string() + suffix);
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, LockoutTest, ::testing::Values(false, true),
                         [](const auto& param) { return param.param ? "Sqlite" : "Memory"; });

}  // namespace
}  // namespace etauth
