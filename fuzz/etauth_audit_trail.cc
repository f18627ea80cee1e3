// Fuzz target: the audit-trail verifier over arbitrary database contents.
// A genuine trail (eight entries, signed checkpoints, a purge with its signed
// anchor) is built once; each input is read as a list of edits an attacker
// with write access to the file could make — through a small schema-aware
// mutator: delete, insert or rewrite rows of `audit`, `checkpoint` and
// `anchor`, with the triggers dropped first. The verifier must not crash,
// and must never accept a trail that differs from the genuine one when it is
// given the genuine head (AuditVerifyOptions::expect_head): without the key,
// no edit can pass.
#include <sqlite3.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "etauth/audit.h"

namespace {

class FixedClock final : public etauth::Clock {
 public:
  std::chrono::system_clock::time_point now() const override { return now_; }
  std::chrono::system_clock::time_point now_{std::chrono::seconds(1'900'000'000)};
};

struct Genuine {
  std::filesystem::path path;
  etauth::PrivateKey key = etauth::PrivateKey::generate_p256().value();
  etauth::PublicKey public_key = etauth::PublicKey::from_der(key.public_der().value()).value();
  FixedClock clock;
  etauth::AuditHead head;
  std::string rows;  // every audit row, as text, in order
};

std::string dump(sqlite3* db) {
  std::string out;
  sqlite3_exec(
      db,
      "SELECT sequence, kind, actor, subject, detail, at, hex(hash) FROM audit ORDER BY sequence",
      [](void* text, int columns, char** values, char**) {
        for (int i = 0; i < columns; ++i) {
          *static_cast<std::string*>(text) += values[i] == nullptr ? "<null>" : values[i];
          *static_cast<std::string*>(text) += '\x1f';
        }
        *static_cast<std::string*>(text) += '\n';
        return 0;
      },
      &out, nullptr);
  return out;
}

Genuine& genuine() {
  static Genuine trail = [] {
    Genuine made;
    made.path = std::filesystem::temp_directory_path() /
                ("etauth-fuzz-genuine-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(made.path);
    {
      etauth::AuditOptions options;
      options.checkpoint_every = 3;
      auto log = etauth::AuditLog::open(made.path.string(), made.key, made.clock, options).value();
      for (int i = 0; i < 8; ++i) {
        const auto at = std::chrono::floor<std::chrono::seconds>(made.clock.now_);
        if (!log->append({etauth::AuditKind::kLoginFailure, "A123456789",
                          "session-" + std::to_string(i), "from 203.0.113.7", at})) {
          __builtin_trap();
        }
        if (i == 3) {
          made.clock.now_ += etauth::kMinimumRetention + std::chrono::days(2);
          if (!log->purge_before(std::chrono::floor<std::chrono::seconds>(made.clock.now_) -
                                 etauth::kMinimumRetention)) {
            __builtin_trap();
          }
        }
      }
      if (!log->close()) {
        __builtin_trap();
      }
      made.head = log->head();
    }
    sqlite3* db = nullptr;
    sqlite3_open(made.path.c_str(), &db);
    sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE", nullptr,
                 nullptr, nullptr);
    made.rows = dump(db);
    sqlite3_close(db);
    return made;
  }();
  return trail;
}

// Reads the input as edits.
class Edits {
 public:
  explicit Edits(std::span<const std::uint8_t> input) : input_(input) {}
  bool done() const { return at_ >= input_.size(); }
  std::uint8_t byte() { return done() ? 0 : input_[at_++]; }
  std::int64_t number() {
    std::int64_t value = 0;
    for (int i = 0; i < 2; ++i) {
      value = value * 256 + byte();
    }
    return value % 24 - 4;  // around the trail's sequence numbers, negatives too
  }
  std::string blob() {
    const std::size_t length = std::min<std::size_t>(byte() % 72, input_.size() - at_);
    std::string hex;
    for (std::size_t i = 0; i < length; ++i) {
      static constexpr char kDigits[] = "0123456789abcdef";
      const std::uint8_t b = input_[at_++];
      hex += kDigits[b >> 4U];
      hex += kDigits[b & 15U];
    }
    return "x'" + hex + "'";
  }

 private:
  std::span<const std::uint8_t> input_;
  std::size_t at_ = 0;
};

std::string edit_sql(Edits& edits) {
  const std::uint8_t op = edits.byte() % 9;
  const std::string n = std::to_string(edits.number());
  switch (op) {
    case 0:
      return "DELETE FROM audit WHERE sequence = " + n;
    case 1:
      return "UPDATE audit SET detail = 'x' || detail WHERE sequence = " + n;
    case 2:
      return "UPDATE audit SET hash = " + edits.blob() + " WHERE sequence = " + n;
    case 3:
      return "UPDATE audit SET sequence = sequence + 1000 WHERE sequence = " + n;
    case 4:
      return "INSERT OR REPLACE INTO audit VALUES(" + n + ", " + std::to_string(edits.byte() % 10) +
             ", 'A123456789', 's', 'd', 1900000000, " + edits.blob() + ")";
    case 5:
      return "DELETE FROM checkpoint WHERE sequence = " + n;
    case 6:
      return "INSERT OR REPLACE INTO checkpoint VALUES(" + n + ", " + edits.blob() + ", " +
             edits.blob() + ")";
    case 7:
      return "DELETE FROM anchor";
    default:
      return "INSERT OR REPLACE INTO anchor VALUES(1, " + n + ", " + edits.blob() + ", " +
             std::to_string(edits.number() * 100'000'000) + ", 0, " + edits.blob() + ")";
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  Genuine& trail = genuine();
  const auto path = std::filesystem::temp_directory_path() /
                    ("etauth-fuzz-edited-" + std::to_string(::getpid()) + ".db");
  std::filesystem::copy_file(trail.path, path, std::filesystem::copy_options::overwrite_existing);
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db,
               "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; "
               "DROP TRIGGER anchor_forward; DROP TRIGGER anchor_no_delete; "
               "DROP TRIGGER checkpoint_no_update; DROP TRIGGER checkpoint_no_delete;",
               nullptr, nullptr, nullptr);
  Edits edits({data, size});
  for (int i = 0; i < 16 && !edits.done(); ++i) {
    sqlite3_exec(db, edit_sql(edits).c_str(), nullptr, nullptr, nullptr);
  }
  const std::string rows = dump(db);
  sqlite3_close(db);

  const auto any = etauth::AuditLog::verify_file(path.string(), trail.public_key, trail.clock);
  etauth::AuditVerifyOptions genuine_head;
  genuine_head.expect_head = trail.head;
  const auto pinned =
      etauth::AuditLog::verify_file(path.string(), trail.public_key, trail.clock, genuine_head);
  std::filesystem::remove(path);
  if (pinned && rows != trail.rows) {
    __builtin_trap();  // an edited trail verified against the genuine head
  }
  if (any && any->head.sequence > trail.head.sequence) {
    __builtin_trap();  // entries appended without the key verified
  }
  return 0;
}
