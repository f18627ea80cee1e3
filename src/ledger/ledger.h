// The tamper-evident ledger (docs/ledger-format.md): every change to the
// workspace is appended, in the same transaction as the change, as an entry
// chained to the previous one by SHA-256; signed checkpoints (Ed25519) cover
// the chain every N entries and at the end of each command.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "ledger/signer.h"
#include "store/sqlite.h"

namespace etguard::ledger {

// What changed. `before` and `after` are canonical serialisations of the
// object's state (empty when it did not exist); only their digests are kept.
struct Change {
  std::string actor;
  std::string action;  // "register.add", "profile.set", "import", ...
  std::string object;  // "cloud/aws-trading", "profile", ...
  std::string before;
  std::string after;
};

struct Entry {
  std::int64_t seq = 0;
  std::string time;
  std::string actor;
  std::string action;
  std::string object;
  std::string before_digest;
  std::string after_digest;
  std::string prev_hash;
  std::string hash;
};

inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The hashed fields of an entry, as views (verification reads them from
// SQLite without copying).
struct EntryFields {
  std::int64_t seq = 0;
  std::string_view time;
  std::string_view actor;
  std::string_view action;
  std::string_view object;
  std::string_view before_digest;
  std::string_view after_digest;
  std::string_view prev_hash;
};

// SHA-256 (hex) of the entry's canonical encoding; `hash` itself is excluded.
std::string entry_hash(const EntryFields& fields);
std::string entry_hash(const Entry& entry);
// The message a checkpoint signs.
std::string checkpoint_message(std::int64_t seq, std::string_view hash);
// Digest recorded for a before/after state: "" for no state, else SHA-256 hex.
std::string state_digest(std::string_view state);

// Appends entries. Use within an open store::Transaction; call checkpoint()
// before committing so that every committed entry is covered by a signature.
class Writer {
 public:
  static Result<Writer> open(store::Database& db, const SigningKey& key,
                             int checkpoint_every = 1000);

  Result<Entry> append(const Change& change, std::string_view time);
  // Signs the newest entry unless it is signed already.
  Status checkpoint(std::string_view time);

  std::int64_t last_seq() const { return last_seq_; }

 private:
  Writer(store::Database& db, const SigningKey& key, int every, store::Statement insert,
         store::Statement sign);
  store::Database* db_;
  const SigningKey* key_;
  int every_;
  store::Statement insert_;
  store::Statement sign_;
  std::int64_t last_seq_ = 0;
  std::string last_hash_;
  std::int64_t signed_seq_ = 0;
};

struct VerifyReport {
  std::int64_t entries = 0;
  std::int64_t checkpoints = 0;
  std::int64_t head_seq = 0;  // the last entry: an auditor notes it and later
  std::string head_hash;      // demands it (--expect-head SEQ:HASH) to detect truncation
  std::optional<std::int64_t> first_bad;  // the first entry that does not verify
  std::string problem;                    // English; empty when the ledger verifies
  bool ok() const { return problem.empty(); }
};

// Walks the whole chain and every checkpoint against `public_key_hex`.
// Detects modified, deleted, inserted and reordered entries, entries not
// covered by a valid signature, entries numbered below 1, and a chain that
// does not start with the workspace.init entry naming `public_key_hex`. The chain is split into
// `threads` ranges verified in parallel (0: one per core for large ledgers).
Result<VerifyReport> verify(store::Database& db, std::string_view public_key_hex, int threads = 0);

}  // namespace etguard::ledger
