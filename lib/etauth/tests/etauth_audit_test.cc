// Art. 37: the audit trail verifies, refuses edits, shows where it was
// tampered with, keeps five years, and continues from its signed anchor after
// a purge; a trail forged or cut by someone who can write the file but not
// sign fails; notices go out exactly once per event, masked, and a failed one
// is retried.
#include <gtest/gtest.h>
#include <openssl/sha.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
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
  // The entry hash as lib/etauth/README.md documents it, computed here
  // independently: SHA-256(previous || be64 sequence || kind || be64 len ||
  // actor || be64 len || subject || be64 len || detail || be64 at).
  static std::array<std::uint8_t, 32> forged_hash(const std::array<std::uint8_t, 32>& previous,
                                                  std::uint64_t sequence, const AuditEvent& e) {
    std::string bytes(previous.begin(), previous.end());
    const auto be64 = [&](std::uint64_t v) {
      for (int shift = 56; shift >= 0; shift -= 8) {
        bytes.push_back(static_cast<char>((v >> shift) & 0xFFU));
      }
    };
    be64(sequence);
    bytes.push_back(static_cast<char>(e.kind));
    for (const std::string* text : {&e.actor, &e.subject, &e.detail}) {
      be64(text->size());
      bytes += *text;
    }
    be64(static_cast<std::uint64_t>(e.at.time_since_epoch().count()));
    std::array<std::uint8_t, 32> digest{};
    SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest.data());
    return digest;
  }
  static std::string hex(const std::array<std::uint8_t, 32>& bytes) {
    std::string out;
    for (const std::uint8_t b : bytes) {
      out += "0123456789abcdef"[b >> 4U];
      out += "0123456789abcdef"[b & 15U];
    }
    return out;
  }
  static std::array<std::uint8_t, 32> hash_bytes(const std::string& hex_text) {
    std::array<std::uint8_t, 32> out{};
    for (std::size_t i = 0; i < 32; ++i) {
      out[i] = static_cast<std::uint8_t>(std::stoi(hex_text.substr(2 * i, 2), nullptr, 16));
    }
    return out;
  }
  // The stored hash of an entry, in hex.
  std::string stored_hash(int sequence) {
    sqlite3* db = nullptr;
    sqlite3_open(path_.c_str(), &db);
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, "SELECT hex(hash) FROM audit WHERE sequence = ?1", -1, &statement,
                       nullptr);
    sqlite3_bind_int(statement, 1, sequence);
    std::string found;
    if (sqlite3_step(statement) == SQLITE_ROW) {
      found = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    std::ranges::transform(found, found.begin(), [](char c) {
      return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    return found;
  }
  void insert_row(std::uint64_t sequence, const AuditEvent& e,
                  const std::array<std::uint8_t, 32>& hash) {
    ASSERT_EQ(raw("INSERT INTO audit VALUES(" + std::to_string(sequence) + ", " +
                  std::to_string(static_cast<int>(e.kind)) + ", '" + e.actor + "', '" + e.subject +
                  "', '" + e.detail + "', " + std::to_string(e.at.time_since_epoch().count()) +
                  ", x'" + hex(hash) + "')"),
              SQLITE_OK);
  }
  static AuditOptions every(std::uint64_t entries) {
    AuditOptions options;
    options.checkpoint_every = entries;
    return options;
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
  log_.reset();
  log_ = AuditLog::open(path_.string(), key_, clock_).value();
  EXPECT_EQ(log_->append(event(AuditKind::kLock, "A123456789")).value(), 11U);
  ASSERT_TRUE(log_->checkpoint().has_value());
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
  AuditOptions one_year;
  one_year.retention = days(365);
  EXPECT_EQ(AuditLog::open(path_.string() + "-short", key_, clock_, one_year).error().code,
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
  EXPECT_NE(raw("DELETE FROM audit"), SQLITE_OK);  // only entries behind the anchor may go
  EXPECT_NE(raw("DELETE FROM anchor"), SQLITE_OK);
  EXPECT_NE(raw("UPDATE anchor SET sequence = 1"), SQLITE_OK);  // never backwards
  (void)log_->append(event(AuditKind::kLogin, "after"));
  ASSERT_TRUE(log_->checkpoint().has_value());
  const auto verified = log_->verify(public_key_);
  ASSERT_TRUE(verified.has_value()) << verified.error().message;
  EXPECT_EQ(verified->anchor->sequence, 4U);
  EXPECT_EQ(verified->head.sequence, 7U);  // "newer", the purge entry, "after"
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
  log_.reset();
  log_ = AuditLog::open(path_.string(), key_, clock_).value();
  NoticeDispatcher again(*log_, notifier);
  ASSERT_TRUE(
      again.notify({Notice::Kind::kTrade, "order-3", "A123456789", "BUY", clock_.seconds()}));
  EXPECT_EQ(notifier.sent.size(), 20U);
  EXPECT_TRUE(log_->verify(public_key_).has_value());
  EXPECT_EQ(mask_identifier("emp42"), "e**42");
  EXPECT_EQ(mask_identifier("abc"), "***");
}

class FailingOnceNotifier final : public Notifier {
 public:
  Status send(const Notice& notice) override {
    if (fail_next) {
      fail_next = false;
      return error(Errc::kStorage, "the SMS gateway is down");
    }
    sent.push_back(notice);
    return {};
  }
  bool fail_next = true;
  std::vector<Notice> sent;
};

// Defect 5: the claim stayed after a failed send, and the retry reported
// success without sending.
TEST_F(AuditTest, AFailedNoticeIsRetriedAndThenSentOnce) {
  FailingOnceNotifier notifier;
  NoticeDispatcher dispatcher(*log_, notifier);
  const Notice notice{Notice::Kind::kLogin, "login-7", "A123456789", "login", clock_.seconds()};
  EXPECT_FALSE(dispatcher.notify(notice).has_value());
  EXPECT_TRUE(notifier.sent.empty());
  ASSERT_TRUE(dispatcher.notify(notice).has_value());  // the retry sends
  ASSERT_EQ(notifier.sent.size(), 1U);
  ASSERT_TRUE(dispatcher.notify(notice).has_value());
  EXPECT_EQ(notifier.sent.size(), 1U);
}

TEST_F(AuditTest, ANoticeInterruptedMidSendIsRetriedAfterTheLease) {
  ASSERT_TRUE(log_->claim_notice("trade-9").value());  // then the process dies
  log_.reset();
  log_ = AuditLog::open(path_.string(), key_, clock_).value();
  EXPECT_FALSE(log_->claim_notice("trade-9").value());  // another sender may be at it
  clock_.advance(days(1));
  EXPECT_TRUE(log_->claim_notice("trade-9").value());
}

TEST_F(AuditTest, MaskingCountsCharactersNotBytes) {
  EXPECT_EQ(mask_identifier("王小明先生您好"), "王****您好");
  EXPECT_EQ(mask_identifier("Ａ１２３４５６７８９"), "Ａ１２*****８９");
}

// --- Defect 1: the trail rewritten or cut by someone who can write the file ---

TEST_F(AuditTest, CheckpointsAreWrittenEveryNEntriesAndOnClose) {
  log_ = AuditLog::open(path_.string(), key_, clock_, every(4)).value();
  for (int i = 0; i < 10; ++i) {
    (void)log_->append(event(AuditKind::kLogin, "s" + std::to_string(i)));
  }
  AuditVerifyOptions tolerant;
  tolerant.accept_unsigned_tail = true;
  const auto before_close = log_->verify(public_key_, tolerant).value();
  EXPECT_EQ(before_close.signed_head.sequence, 8U);
  EXPECT_EQ(before_close.unsigned_entries, 2U);
  EXPECT_EQ(log_->verify(public_key_).error().message.find("entries 9 to 10 are not covered"), 11U)
      << log_->verify(public_key_).error().message;
  log_.reset();  // closing signs the tail
  log_ = AuditLog::open(path_.string(), key_, clock_).value();
  EXPECT_EQ(log_->verify(public_key_).value().signed_head.sequence, 10U);
}

TEST_F(AuditTest, AForgedTrailWithoutTheKeyFails) {
  for (int i = 0; i < 5; ++i) {
    (void)log_->append(event(AuditKind::kLoginFailure, "A123456789"));
  }
  (void)log_->append(event(AuditKind::kLock, "A123456789"));
  (void)log_->append(event(AuditKind::kUnlock, "A123456789"));
  ASSERT_TRUE(log_->close().has_value());
  log_.reset();
  // The attacker writes a different story through SQLite, with a correct
  // chain (the hash needs no key), and removes what they can.
  raw("DROP TRIGGER audit_no_delete; DROP TRIGGER checkpoint_no_delete; DELETE FROM audit; "
      "DELETE FROM checkpoint;");
  std::array<std::uint8_t, 32> previous{};
  for (std::uint64_t sequence = 1; sequence <= 2; ++sequence) {
    const AuditEvent forged{AuditKind::kLogin, "A123456789", "A123456789", "password verified",
                            clock_.seconds()};
    const auto hash = forged_hash(previous, sequence, forged);
    insert_row(sequence, forged, hash);
    previous = hash;
  }
  // The examiner, with the public key only.
  const auto verified = AuditLog::verify_file(path_.string(), public_key_, clock_);
  ASSERT_FALSE(verified.has_value());
  EXPECT_NE(verified.error().message.find("entries 1 to 2 are not covered"), std::string::npos)
      << verified.error().message;
  // The firm's own service will not sign the forgery by opening it either.
  const auto reopened = AuditLog::open(path_.string(), key_, clock_);
  ASSERT_FALSE(reopened.has_value());
  EXPECT_EQ(reopened.error().code, Errc::kCrypto);
}

TEST_F(AuditTest, CheckpointsCannotBeDeletedThroughTheFile) {
  (void)log_->append(event(AuditKind::kLogin, "s"));
  ASSERT_TRUE(log_->checkpoint().has_value());
  EXPECT_NE(raw("DELETE FROM checkpoint"), SQLITE_OK);
}

TEST_F(AuditTest, DroppingTheHeadWithinTheRetentionFails) {
  for (int i = 0; i < 6; ++i) {
    (void)log_->append(event(AuditKind::kLogin, "s" + std::to_string(i)));
  }
  ASSERT_TRUE(log_->close().has_value());
  const auto third = stored_hash(3);
  log_.reset();
  // Entries 1-3 go, and an anchor (which cannot be signed) says the chain
  // starts after 3.
  ASSERT_EQ(raw("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE sequence <= 3; "
                "INSERT INTO anchor VALUES(1, 3, x'" +
                third + "', 1900000000, 1700000000, x'3006020101020101')"),
            SQLITE_OK);
  const auto verified = AuditLog::verify_file(path_.string(), public_key_, clock_);
  ASSERT_FALSE(verified.has_value());
  EXPECT_NE(verified.error().message.find("anchor at entry 3 is not signed"), std::string::npos)
      << verified.error().message;
}

TEST_F(AuditTest, CuttingTheTailBackIsCaughtByTheRecordedHead) {
  log_ = AuditLog::open(path_.string(), key_, clock_, every(3)).value();
  for (int i = 0; i < 7; ++i) {
    (void)log_->append(event(AuditKind::kLogin, "s" + std::to_string(i)));
  }
  ASSERT_TRUE(log_->close().has_value());
  const AuditHead recorded = log_->head();  // the examiner notes "7:…" at the last visit
  EXPECT_EQ(parse_audit_head(format_audit_head(recorded)).value(), recorded);
  log_.reset();
  AuditVerifyOptions pinned;
  pinned.expect_head = recorded;
  ASSERT_TRUE(AuditLog::verify_file(path_.string(), public_key_, clock_, pinned).has_value());
  // Entries 7 and 4-6 go with their checkpoints: what is left is a valid
  // shorter trail, signed up to 3.
  ASSERT_EQ(raw("DROP TRIGGER audit_no_delete; DROP TRIGGER checkpoint_no_delete; "
                "DELETE FROM audit WHERE sequence > 3; DELETE FROM checkpoint WHERE sequence > 3"),
            SQLITE_OK);
  EXPECT_TRUE(AuditLog::verify_file(path_.string(), public_key_, clock_).has_value());
  const auto verified = AuditLog::verify_file(path_.string(), public_key_, clock_, pinned);
  ASSERT_FALSE(verified.has_value());
  EXPECT_NE(verified.error().message.find("ends at entry 3, before the expected head 7"),
            std::string::npos)
      << verified.error().message;
}

TEST_F(AuditTest, AnUnsignedTailIsAdoptedOnlyByANamedOperator) {
  (void)log_->append(event(AuditKind::kLogin, "s"));
  ASSERT_TRUE(log_->close().has_value());
  log_.reset();
  // A crash after an append (simulated: the row the library would write,
  // without its checkpoint).
  const AuditEvent late = event(AuditKind::kLogin, "late");
  insert_row(2, late, forged_hash(hash_bytes(stored_hash(1)), 2, late));
  EXPECT_EQ(AuditLog::open(path_.string(), key_, clock_).error().code, Errc::kCrypto);
  AuditOptions adopt;
  adopt.adopt_unsigned_tail_by = "op-17";
  log_ = AuditLog::open(path_.string(), key_, clock_, adopt).value();
  const auto verified = log_->verify(public_key_).value();
  EXPECT_EQ(verified.head.sequence, 3U);  // the adoption is entry 3
  EXPECT_EQ(verified.unsigned_entries, 0U);
}

TEST(AuditHead, ParsingNamesWhatIsWrong) {
  EXPECT_FALSE(parse_audit_head("12").has_value());
  EXPECT_FALSE(parse_audit_head("x:" + std::string(64, 'a')).has_value());
  EXPECT_NE(parse_audit_head("1:" + std::string(63, 'a') + "g").error().message.find("column 66"),
            std::string::npos);
}

}  // namespace
}  // namespace etauth
