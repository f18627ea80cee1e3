// The workspace's records as typed queries: the only way the layers above
// read or write the database. SqliteRecords implements it on the embedded
// SQLite file; a server database implements the same interface beside it,
// and nothing above the store changes.
//
// Writes are made inside a transaction the caller holds (the workspace opens
// one per use case, with its ledger entries); reads may be made anywhere.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assess/model.h"
#include "assess/status.h"
#include "core/result.h"

namespace etguard::store {

struct CycleRecord {
  std::string name;
  std::string started_on;
  std::string started_by;
  std::int64_t archived_results = 0;
  std::string due_on;  // the deadline of the cycle's assessment; empty: none set
  // Whether the registers were archived with the results (cycles started
  // with schema 8 or later).
  bool registers_archived = false;
};

// What a cycle's start archived: the results and registers as they stood at
// the end of the cycle before it.
struct CycleArchive {
  assess::Registers registers;
  bool registers_archived = false;
  std::vector<assess::Result> results;
  // The ledger as the archiving transaction closed: its last entry and the
  // checkpoints up to it (a fixed anchor, whatever is recorded later).
  std::int64_t closing_seq = 0;
  std::string closing_hash;
  std::int64_t closing_checkpoints = 0;
};

// What the ledger says an object became: its latest entry among some actions.
struct LedgerState {
  std::string object;
  std::string action;
  std::string after_digest;
};

// One change of a result as `result history` lists it: its ledger entry, and
// the state it recorded (the JSON the entry's after-digest covers) where it
// was kept, which it is from schema 10 on.
struct ResultHistoryEntry {
  std::int64_t seq = 0;
  std::string time;
  std::string actor;
  std::string object;  // "NODE OBJECT"
  std::string after_digest;
  std::optional<std::string> state;
};

// One ledger entry as `ledger show` lists it.
struct LedgerLine {
  std::int64_t seq = 0;
  std::string time;
  std::string actor;
  std::string action;
  std::string object;
  std::string hash;
};

// A person who logs in to `etguard serve`. The secrets are kept here only:
// `password` an etauth password record (Argon2id, peppered), `otp_seed` the
// TOTP seed sealed under the workspace's auth key, in hex. Ledger entries
// carry the rest (user_state), never these.
struct UserRecord {
  std::string name = {};     // the login id (canonical: NFKC, case-folded)
  std::string display = {};  // "Name <email>"
  std::string role = {};     // admin | officer | owner | auditor | board
  std::string objects = {};  // an owner's objects, "kind/key" separated by commas
  std::string password = {};
  std::string password_changed_at = {};
  std::string otp_seed = {};
  std::int64_t otp_last_step = 0;  // the last TOTP step used (no replay)
  bool disabled = false;
  // The latest administrative act's record: why disabled, the identity
  // verification an unlock was made on.
  std::string note = {};
  std::string created_at = {};
  // The WebAuthn security keys registered as a second factor besides the
  // TOTP seed: a JSON array (app/security_keys.h reads and writes it). Only
  // public keys, never a secret.
  std::string security_keys = "[]";
};

// An API token of a user, for pipelines (`scan ... --push`). Only the
// SHA-256 of its secret is kept (`digest`, hex). `role` is the role it acts
// in (never more than its user's); `objects` the objects it may touch when
// that role is owner, "kind/key" separated by commas. A revoked token keeps
// its row (revoked_at, revoked_by set).
struct ApiTokenRecord {
  std::string id = {};  // public: "tok-" and 8 hex digits, named in the ledger
  std::string user = {};
  std::string name = {};  // what it is for ("ci-tls")
  std::string role = {};
  std::string objects = {};
  std::string digest = {};
  std::string created_at = {};
  std::string expires_at = {};  // RFC 3339 UTC
  std::string revoked_at = {};
  std::string revoked_by = {};
};

// The ledger actions that change no record a snapshot holds: the users'
// and their logins', the settings', the mail sent and the API tokens'.
inline constexpr std::array<std::string_view, 5> kNonRecordActionPrefixes = {
    "user.", "login.", "setting.", "mail.", "token."};
inline bool changes_records(std::string_view action) {
  return std::ranges::none_of(kNonRecordActionPrefixes,
                              [&](std::string_view prefix) { return action.starts_with(prefix); });
}

class Records {
 public:
  virtual ~Records() = default;

  // Settings: small named values ("ledger.public_key", "scope.applicable").
  // An absent setting reads as "".
  [[nodiscard]] virtual Result<std::string> setting(std::string_view key) = 0;
  [[nodiscard]] virtual Status set_setting(std::string_view key, std::string_view value) = 0;

  // The profile and the registers.
  [[nodiscard]] virtual Result<assess::Registers> registers() = 0;
  // The entries of one register (subject "iot"), in id order, one at a time:
  // a register of any size is not held whole.
  [[nodiscard]] virtual Status for_each_entry(
      std::string_view subject, const std::function<void(assess::RegisterEntry&&)>& visit) = 0;
  [[nodiscard]] virtual Status replace_profile(const assess::Profile& profile) = 0;
  [[nodiscard]] virtual Status put_entry(const assess::RegisterEntry& entry) = 0;
  [[nodiscard]] virtual Status remove_entry(const assess::RegisterEntry& entry) = 0;

  // Results, one per (requirement, object).
  [[nodiscard]] virtual Result<std::optional<assess::Result>> result(const std::string& node_id,
                                                                     const std::string& object) = 0;
  [[nodiscard]] virtual Result<std::vector<assess::Result>> results() = 0;
  [[nodiscard]] virtual Status put_result(const assess::Result& result,
                                          const std::string& updated_at) = 0;
  // Keeps the state a result.set ledger entry (`seq`) recorded, for history.
  [[nodiscard]] virtual Status keep_result_state(std::int64_t seq, const std::string& state) = 0;
  // Every result.set entry of "NODE OBJECT", oldest first, with its state.
  [[nodiscard]] virtual Result<std::vector<ResultHistoryEntry>> result_history(
      const std::string& object) = 0;
  // Every kept state with the ledger entry it belongs to (seq, object and
  // digest empty when there is no result.set entry of that seq).
  [[nodiscard]] virtual Result<std::vector<ResultHistoryEntry>> kept_result_states() = 0;

  // Cycles: a new one archives every current result under it. Fails with a
  // usage error naming the cycle when one of that name exists.
  [[nodiscard]] virtual Status add_cycle_archiving_results(const CycleRecord& cycle) = 0;
  [[nodiscard]] virtual Result<std::vector<CycleRecord>> cycles() = 0;
  // What the start of cycle `name` archived; a not-found error naming it.
  [[nodiscard]] virtual Result<CycleArchive> cycle_archive(const std::string& name) = 0;

  [[nodiscard]] virtual Status add_sign_off(const assess::SignOff& sign_off) = 0;
  [[nodiscard]] virtual Result<std::vector<assess::SignOff>> sign_offs() = 0;

  // Evidence records (immutable once added); returns the new record's id.
  [[nodiscard]] virtual Result<std::int64_t> add_evidence(const assess::Evidence& evidence) = 0;
  // Every record, with its withdrawal when it has one.
  [[nodiscard]] virtual Result<std::vector<assess::Evidence>> evidence() = 0;
  // Marks a record withdrawn (its withdrawn_* and superseded_by fields); a
  // usage error when it is withdrawn already.
  [[nodiscard]] virtual Status withdraw_evidence(const assess::Evidence& withdrawal) = 0;
  [[nodiscard]] virtual Status add_evidence_review(const assess::EvidenceReview& review) = 0;
  // Every review, oldest first.
  [[nodiscard]] virtual Result<std::vector<assess::EvidenceReview>> evidence_reviews() = 0;
  // Comments on lines (immutable); returns the new comment's id.
  [[nodiscard]] virtual Result<std::int64_t> add_comment(const assess::Comment& comment) = 0;
  // The comments on one line, oldest first; every comment when `node_id` is empty.
  [[nodiscard]] virtual Result<std::vector<assess::Comment>> comments(
      const std::string& node_id, const std::string& object) = 0;

  // Users of the server, by name.
  [[nodiscard]] virtual Result<std::vector<UserRecord>> users() = 0;
  [[nodiscard]] virtual Result<std::optional<UserRecord>> user(const std::string& name) = 0;
  // Adds or replaces the user of that name.
  [[nodiscard]] virtual Status put_user(const UserRecord& user) = 0;
  // API tokens, by id; one by the digest of its secret.
  [[nodiscard]] virtual Result<std::vector<ApiTokenRecord>> api_tokens() = 0;
  [[nodiscard]] virtual Result<std::optional<ApiTokenRecord>> api_token_by_digest(
      const std::string& digest) = 0;
  // Adds a token, or records the revocation of the token of that id.
  [[nodiscard]] virtual Status put_api_token(const ApiTokenRecord& token) = 0;

  // For each object, the latest ledger entry whose action starts with one of
  // `prefixes` ("register.", "profile."); every entry when `latest_only` is off.
  [[nodiscard]] virtual Result<std::vector<LedgerState>> ledger_states(
      const std::vector<std::string>& prefixes, bool latest_only) = 0;

  // The newest `limit` ledger entries, oldest first.
  [[nodiscard]] virtual Result<std::vector<LedgerLine>> latest_ledger_lines(std::int64_t limit) = 0;
  // The entries from `seq` on (it included), oldest first, at most `limit`.
  [[nodiscard]] virtual Result<std::vector<LedgerLine>> ledger_lines_from(std::int64_t seq,
                                                                          std::int64_t limit) = 0;
  // The newest entry that changed the registers, results, evidence, cycles or
  // sign-offs (changes_records); none (seq 0) in an empty ledger.
  [[nodiscard]] virtual Result<LedgerLine> last_records_change() = 0;

  // The settings whose keys start with `prefix`, by key.
  [[nodiscard]] virtual Result<std::map<std::string, std::string>> settings_under(
      std::string_view prefix) = 0;
  [[nodiscard]] virtual Status remove_setting(std::string_view key) = 0;
};

}  // namespace etguard::store
