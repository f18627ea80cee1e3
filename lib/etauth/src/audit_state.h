// What audit.cc and audit_verify.cc share (not installed): the entry and
// signature formats and the open log's state.
#pragma once

#include <sqlite3.h>

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include "bytes.h"
#include "etauth/audit.h"
#include "sqlite_file.h"

namespace etauth::detail {

using Hash = std::array<std::uint8_t, 32>;
using Bytes = std::basic_string<std::uint8_t>;

// SHA-256 over the previous hash and the entry's fields, each length-prefixed.
Hash entry_hash(const Hash& previous, std::uint64_t sequence, const AuditEvent& event);
// What a checkpoint signs: "ETAUDIT1" || sequence || hash.
Bytes checkpoint_message(std::uint64_t sequence, const Hash& hash);
// What an anchor signs: "ETANCHR1" || sequence || hash || purged at || the
// last purged entry's time (seconds since the epoch, big-endian).
Bytes anchor_message(std::uint64_t sequence, const Hash& hash, std::int64_t purged_at,
                     std::int64_t last_purged_at);
// The subject of the purge entry that created the anchor at `sequence`.
std::string purge_subject(std::uint64_t sequence);

// The whole check of AuditLog::verify, on any database holding a trail.
Result<AuditVerification> verify_trail(sqlite3* db, const PublicKey& signer, const Clock& clock,
                                       const AuditVerifyOptions& options);
// How many entries follow the last valid checkpoint (or signed anchor):
// what a new checkpoint would sign without anyone having checked it. kCrypto
// when the last checkpoint or the entries after it do not fit.
Result<std::uint64_t> unsigned_tail(sqlite3* db, const PublicKey& signer);

// The anchor row as stored.
struct StoredAnchor {
  std::uint64_t sequence = 0;
  Hash hash{};
  std::int64_t purged_at = 0;
  std::int64_t last_purged_at = 0;
  Bytes signature;
};
std::optional<StoredAnchor> read_anchor(sqlite3* db);

// A prepared statement finalized on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr); }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&&) = delete;
  Statement& operator=(Statement&&) = delete;
  sqlite3_stmt* get() const { return statement_; }
  bool prepared() const { return statement_ != nullptr; }
  int step() const { return sqlite3_step(statement_); }
  Hash hash_column(int column) const;
  Bytes blob_column(int column) const;

 private:
  sqlite3_stmt* statement_ = nullptr;
};

}  // namespace etauth::detail

namespace etauth {

struct AuditLog::State {
  std::unique_ptr<detail::SqliteFile> file;
  sqlite3* db = nullptr;  // file->db()
  const PrivateKey* signer = nullptr;
  Clock* clock = nullptr;
  AuditOptions options;
  mutable std::mutex lock;
  std::uint64_t last_sequence = 0;
  detail::Hash last_hash{};
  std::uint64_t last_checkpoint = 0;

  std::unexpected<Error> failure(const char* what) const { return file->failure(what); }
  bool exec(const char* sql) const { return file->exec(sql); }
  // Caller holds `lock`.
  Result<std::uint64_t> append_locked(const AuditEvent& event);
  Status checkpoint_locked();
};

}  // namespace etauth
