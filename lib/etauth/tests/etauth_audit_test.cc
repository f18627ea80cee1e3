// Art. 37: the audit trail verifies, refuses edits, shows where it was
// tampered with, keeps five years, and continues from its anchor after a
// purge; notices go out exactly once per event, masked.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

#include "etauth/audit.h"

namespace etauth {
namespace {

using std::chrono::days;

class MovableClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override { return now_; }
  void advance(days by) { now_ += by; }
  std::chrono::sys_seconds seconds() const {
    return std::chrono::floor<std::chrono::seconds>(now_);
  }

 private:
  std::chrono::system_clock::time_point now_{std::chrono::seconds(1'800'000'000)};
};

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("etauth-audit-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    remove_files();
    log_ = AuditLog::open(path_.string(), key_, clock_).value();
  }
  void TearDown() override {
    log_.reset();
    remove_files();
  }
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path_.string() + suffix);
    }
  }
  AuditEvent event(AuditKind kind, const std::string& subject) {
    return {kind, "A123456789", subject, "from 203.0.113.7", clock_.seconds()};
  }
  // Runs SQL on the file behind the library's back, as an attacker with file access could.
  int raw(const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open(path_.c_str(), &db);
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc;
  }
  PrivateKey key_ = PrivateKey::generate_p256().value();
  PublicKey public_key_ = PublicKey::from_der(key_.public_der().value()).value();
  MovableClock clock_;
  std::filesystem::path path_;
  std::unique_ptr<AuditLog> log_;
};

TEST_F(AuditTest, AppendsVerifiesAndResumesAfterReopening) {
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(log_->append(event(AuditKind::kLogin, "session-" + std::to_string(i))).value(),
              static_cast<std::uint64_t>(i + 1));
  }
  ASSERT_TRUE(log_->checkpoint().has_value());
  EXPECT_TRUE(log_->verify(public_key_).has_value());
  log_ = AuditLog::open(path_.string(), key_, clock_).value();
  EXPECT_EQ(log_->append(event(AuditKind::kLock, "A123456789")).value(), 11U);
  EXPECT_TRUE(log_->verify(public_key_).has_value());
  const PrivateKey other = PrivateKey::generate_p256().value();
  const PublicKey other_public = PublicKey::from_der(other.public_der().value()).value();
  EXPECT_EQ(log_->verify(other_public).error().code, Errc::kCrypto);  // checkpoints are the firm's
}

TEST_F(AuditTest, EditsAreRefusedAndTamperingIsLocated) {
  for (int i = 0; i < 5; ++i) {
    (void)log_->append(event(AuditKind::kPersonalDataAccess, "record-" + std::to_string(i)));
  }
  EXPECT_NE(raw("UPDATE audit SET subject = 'x' WHERE sequence = 3"), SQLITE_OK);
  EXPECT_NE(raw("DELETE FROM audit WHERE sequence = 3"), SQLITE_OK);
  // Someone drops the triggers and edits entry 3.
  ASSERT_EQ(raw("DROP TRIGGER audit_no_update; UPDATE audit SET subject = 'x' WHERE sequence = 3"),
            SQLITE_OK);
  const auto broken = log_->verify(public_key_);
  ASSERT_FALSE(broken.has_value());
  EXPECT_NE(broken.error().message.find("entry 3"), std::string::npos) << broken.error().message;
}

TEST_F(AuditTest, ARemovedEntryAndARebuiltChainAreCaught) {
  for (int i = 0; i < 5; ++i) {
    (void)log_->append(event(AuditKind::kOrderSignature, "order-" + std::to_string(i)));
  }
  ASSERT_TRUE(log_->checkpoint().has_value());
  ASSERT_EQ(raw("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE sequence = 2"), SQLITE_OK);
  EXPECT_NE(log_->verify(public_key_).error().message.find("entry 3"), std::string::npos);
}

TEST_F(AuditTest, FiveYearsAreKeptThenPurgedWithTheChainIntact) {
  EXPECT_EQ(AuditLog::open(path_.string() + "-short", key_, clock_, days(365)).error().code,
            Errc::kPolicy);
  for (int i = 0; i < 4; ++i) {
    (void)log_->append(event(AuditKind::kLogin, "old-" + std::to_string(i)));
  }
  ASSERT_TRUE(log_->checkpoint().has_value());
  clock_.advance(days(400));
  (void)log_->append(event(AuditKind::kLogin, "newer"));
  EXPECT_EQ(log_->purge_before(clock_.seconds()).error().code, Errc::kPolicy);
  clock_.advance(kMinimumRetention);
  const auto cutoff =
      clock_.seconds() - kMinimumRetention;  // the old entries are past it, "newer" is not
  EXPECT_EQ(log_->purge_before(cutoff).value(), 4U);
  EXPECT_NE(raw("DELETE FROM audit"), SQLITE_OK);  // the gate closed again
  (void)log_->append(event(AuditKind::kLogin, "after"));
  ASSERT_TRUE(log_->checkpoint().has_value());
  EXPECT_TRUE(log_->verify(public_key_).has_value());
}

class RecordingNotifier final : public Notifier {
 public:
  Status send(const Notice& notice) override {
    const std::lock_guard guard(lock);
    sent.push_back(notice);
    return {};
  }
  std::mutex lock;
  std::vector<Notice> sent;
};

TEST_F(AuditTest, NoticesGoOutExactlyOnceMasked) {
  RecordingNotifier notifier;
  NoticeDispatcher dispatcher(*log_, notifier);
  std::vector<std::thread> threads;
  threads.reserve(8);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        (void)dispatcher.notify({Notice::Kind::kTrade, "order-" + std::to_string(i), "A123456789",
                                 "BUY 2330 x1000", clock_.seconds()});
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  ASSERT_EQ(notifier.sent.size(), 20U);  // 8 threads, 20 trades: each told once
  for (const Notice& notice : notifier.sent) {
    EXPECT_EQ(notice.user, "A12*****89");
  }
  // Across a restart too.
  log_ = AuditLog::open(path_.string(), key_, clock_).value();
  NoticeDispatcher again(*log_, notifier);
  ASSERT_TRUE(
      again.notify({Notice::Kind::kTrade, "order-3", "A123456789", "BUY", clock_.seconds()}));
  EXPECT_EQ(notifier.sent.size(), 20U);
  EXPECT_TRUE(log_->verify(public_key_).has_value());
  EXPECT_EQ(mask_identifier("emp42"), "e**42");
  EXPECT_EQ(mask_identifier("abc"), "***");
}

}  // namespace
}  // namespace etauth
