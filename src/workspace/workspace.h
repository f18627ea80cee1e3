// The assessment workspace: the records, the signing key and the ledger
// together. Every mutation runs in one transaction with its ledger entries
// and a closing signed checkpoint, so state and ledger never diverge; a crash
// rolls back both. The time it records comes from the Clock it was opened
// with; who acted is given with each change.
//
// Split by what it keeps: workspace.cc (opening, registers, scope),
// results.cc (results and cycles), evidence.cc (evidence and the ledger).
#pragma once

#include <array>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "assess/model.h"
#include "assess/status.h"
#include "core/atomic_file.h"
#include "core/clock.h"
#include "core/random.h"
#include "core/result.h"
#include "ledger/ledger.h"
#include "store/records.h"
#include "store/workspace.h"

namespace etguard::workspace {

struct ImportSummary {
  std::vector<std::string> added;  // entry keys, and "profile"
  std::vector<std::string> changed;
  std::vector<std::string> removed;
  std::int64_t ledger_entries = 0;
};

// What changing the registers from `before` to `after` adds, changes and
// removes (entry keys, and "profile"), in key order.
ImportSummary diff_registers(const assess::Registers& before, const assess::Registers& after);

// Requirements that came into or went out of scope since the last recorded
// scope, as "ET-20.3 mobile_app/trade-app".
struct ScopeChange {
  bool first = false;  // no scope was recorded before
  std::vector<std::string> came_in;
  std::vector<std::string> went_out;
};

// A finding to keep as scan evidence: its record and the document stored
// for it (the finding as JSON), held in memory.
struct ScanRecord {
  assess::Evidence evidence;
  std::string document;
};

class Workspace {
 public:
  // `etguard init DIR`: the layout, a new signing key, the schema, and a
  // first ledger entry.
  // `key_uri`: a PKCS#11 URI for the ledger key; empty for a key file (0600).
  // `random` draws the ledger key (when it is not on a token).
  [[nodiscard]] static Result<Workspace> create(const std::filesystem::path& dir,
                                                const std::string& actor,
                                                const std::string& key_uri = {},
                                                const Clock& clock = system_clock(),
                                                const Random& random = system_random());
  // kReadOnly opens the database read-only (immutable on a read-only medium)
  // and loads no signing key: what reports and verification need, on an
  // archive, a WORM share or a disc for an examiner. Changes are refused.
  enum class Access { kReadWrite, kReadOnly };
  [[nodiscard]] static Result<Workspace> open(const store::WorkspacePaths& paths,
                                              const Clock& clock = system_clock(),
                                              Access access = Access::kReadWrite);

  Workspace(Workspace&& other) noexcept;
  Workspace& operator=(Workspace&&) = delete;
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;
  ~Workspace();

  [[nodiscard]] Result<assess::Registers> load_registers();
  // The entries of one register, one at a time (a large IoT register).
  [[nodiscard]] Status for_each_register_entry(
      std::string_view subject, const std::function<void(assess::RegisterEntry&&)>& visit);

  // Replaces the profile and registers with `registers`; each added, changed
  // or removed object gets a ledger entry, all in one transaction.
  [[nodiscard]] Result<ImportSummary> import_registers(const assess::Registers& registers,
                                                       const std::string& actor,
                                                       const std::string& source);

  // Applies `change` to the registers as they are inside the transaction
  // (so a concurrent writer's change is never lost), then records the
  // difference like an import. `change` may refuse with an error: nothing
  // is written then.
  using RegistersChange = std::function<Status(assess::Registers&)>;
  // What `change` would do, without doing it (a dry run).
  [[nodiscard]] Result<ImportSummary> plan_registers(const RegistersChange& change);
  [[nodiscard]] Result<ImportSummary> update_registers(const RegistersChange& change,
                                                       const std::string& actor,
                                                       const std::string& source);

  // Records the set of applicable (requirement, object) pairs and returns
  // what changed since the previous record.
  [[nodiscard]] Result<ScopeChange> record_scope(const std::vector<std::string>& applicable,
                                                 const std::string& actor);

  // Records a result; the requirement must apply to the object (scope), a
  // not-applicable result needs a justification and a compensating control
  // its description (note).
  [[nodiscard]] Status set_result(const assess::Result& result, const std::string& actor);
  // Changes the result of one requirement and object as `change` says, read
  // and written in one transaction so a concurrent change is never lost;
  // `change` gets the current result (or a not-assessed one with `existed`
  // false) and changes only what its caller named.
  using ResultChange = std::function<Status(assess::Result& result, bool existed)>;
  [[nodiscard]] Status update_result(const std::string& node_id, const std::string& object,
                                     const ResultChange& change, const std::string& actor);
  // Many results in one transaction (answers import): all or nothing;
  // unchanged results are not recorded again.
  [[nodiscard]] Status set_results(const std::vector<assess::Result>& results,
                                   const std::string& actor);
  // Starts a new assessment cycle named `name` on `today`: every result is
  // archived as it stood under the previous cycle, then reset to not
  // assessed (owner, note and justification kept to help the re-attestation).
  // Evidence is not touched: links carry over, files and scans stay the
  // record of the periods they cover. Returns the number of results reset.
  //
  // Open problems carry over: a non-compliant or partially compliant result
  // keeps its status, note and due date into the new cycle. `due_on` is the
  // cycle's deadline: what is still unassessed then is overdue. A dry run
  // says what would happen and changes nothing.
  struct CyclePlan {
    int reset = 0;         // results archived and reset for re-attestation
    int carried_over = 0;  // open non-compliances kept as they stand
  };
  [[nodiscard]] Result<CyclePlan> start_cycle(const std::string& name, const std::string& today,
                                              const std::string& due_on, bool dry_run,
                                              const std::string& actor);
  // The current cycle (the latest started), if any.
  [[nodiscard]] Result<std::optional<store::CycleRecord>> current_cycle();
  [[nodiscard]] Result<std::vector<store::CycleRecord>> cycles();
  // What the start of cycle `name` archived (the cycle before it, as it ended).
  [[nodiscard]] Result<store::CycleArchive> cycle_archive(const std::string& name);
  // Records a sign-off of a cycle's report `content`: the report is kept in
  // the content-addressed store under its SHA-256 (set in the record), and
  // the ledger entry says who signed which report and when. One person signs
  // one report once; the same report signed by someone else is a second
  // signature.
  [[nodiscard]] Result<assess::SignOff> sign_off(assess::SignOff sign_off,
                                                 const std::string& content);
  // Where a file of the content-addressed store (evidence, a signed report)
  // is kept; its content is checked by whoever reads it (verify_evidence_store).
  std::filesystem::path stored_file(const std::string& sha256) const;
  // Keeps a document a setting names (the AI risk model) in the
  // content-addressed store; returns its SHA-256 (hex).
  [[nodiscard]] Result<std::string> keep_document(std::string_view content);
  // Removes what an interrupted write left in the evidence store (a file
  // being copied in, a temporary beside its final name) when the process
  // that was writing it no longer runs (killed, crashed). Records are never
  // touched: an evidence record is committed only after its file is in
  // place. Returns the files removed.
  [[nodiscard]] Result<int> remove_interrupted_evidence();
  // Writes a consistent copy of the database to `out` (which must not
  // exist): SQLite's VACUUM INTO, a read transaction that writers of other
  // processes do not block and cannot tear.
  [[nodiscard]] Status snapshot_database(const std::filesystem::path& out);
  // Signs a document handed out (the examiner's pack manifest) with the
  // ledger key, and records in the ledger that it was handed out: `action`
  // on `object`, the document's SHA-256 as its state. Returns the 64-byte
  // signature in hex.
  [[nodiscard]] Result<std::string> sign_document(std::string_view document,
                                                  const std::string& action,
                                                  const std::string& object,
                                                  const std::string& actor);
  [[nodiscard]] Result<std::vector<assess::SignOff>> sign_offs();

  // The rules a result must meet: it applies to the object; not-applicable
  // has a justification; a compensating control has its description.
  [[nodiscard]] Status validate_result(const assess::Result& result);
  [[nodiscard]] Result<std::vector<assess::Result>> load_results();
  // Every change of one result, oldest first (result.set ledger entries with
  // the state each recorded, where kept).
  [[nodiscard]] Result<std::vector<store::ResultHistoryEntry>> result_history(
      const std::string& node_id, const std::string& object);

  // Adds evidence for a requirement and object: a file (copied into the
  // content-addressed store, deduplicated by SHA-256, read-only) or a link.
  [[nodiscard]] Result<assess::Evidence> add_evidence(const assess::Evidence& evidence,
                                                      const std::filesystem::path& file,
                                                      const std::string& actor);
  // One file or link covering several objects (a policy for every cloud
  // service): a record per object in `objects` (evidence.object ignored),
  // the file stored once, all in one transaction. When `supersedes` is not
  // 0, that record is withdrawn in the same transaction, superseded by the
  // first new one, with `reason`. `content`, when given, is the file's bytes
  // already in memory (an upload), stored as they are; `file` then only
  // names it.
  struct EvidenceCover {
    std::vector<std::string> objects;
    std::int64_t supersedes = 0;
    std::string reason;
  };
  [[nodiscard]] Result<std::vector<assess::Evidence>> add_evidence(
      const assess::Evidence& evidence, const EvidenceCover& cover,
      const std::filesystem::path& file, const std::string& actor,
      std::optional<std::string_view> content = std::nullopt);
  // Withdraws a record with a reason: it stays (with its file) and the
  // ledger records who withdrew it, when and why; reports mark it.
  [[nodiscard]] Status withdraw_evidence(std::int64_t id, const std::string& reason,
                                         const std::string& actor);
  // Scan findings kept as evidence: every record whose requirement applies to
  // its object (scoped inside the transaction), in one transaction closed by
  // one checkpoint, all or none; the others are counted as skipped.
  struct ScanEvidenceAdded {
    std::vector<assess::Evidence> added;
    int skipped = 0;
  };
  [[nodiscard]] Result<ScanEvidenceAdded> add_scan_evidence(const std::vector<ScanRecord>& records,
                                                            const std::string& actor);
  // The one review of a record that is neither withdrawn nor reviewed
  // already (a review is final): approved, or rejected with a comment. Who may
  // review whose record is decided by the caller (app/); the review and its
  // ledger entry (evidence.review) are one transaction. Returns it as recorded.
  [[nodiscard]] Result<assess::EvidenceReview> review_evidence(
      const assess::EvidenceReview& review);
  [[nodiscard]] Result<std::vector<assess::EvidenceReview>> evidence_reviews();
  // A comment on a line (comments.cc): its body trimmed, line ends as LF, at
  // most kCommentMaxLength characters, no control or bidirectional
  // characters; the object "org" or a register entry. The comment and its
  // ledger entry (comment.add) are one transaction; returns it as recorded.
  // Who may comment where is decided by the caller (app/).
  static constexpr std::size_t kCommentMaxLength = 4000;
  [[nodiscard]] Result<assess::Comment> add_comment(const assess::Comment& comment);
  // The settings a user configures (settings.cc: keys under kConfigurable,
  // the mail server, the AI risk model and where the users' keys are), by
  // key; and one set (an empty value removes it) with a ledger entry
  // (setting.set) unless it is already so. One line of at most 1000 bytes
  // without control characters.
  static constexpr std::array<std::string_view, 3> kConfigurable = {"mail.", "ai.", "auth."};
  // That a mail of `kind` ("digest") went to `recipient` ("user/mei"), with
  // what it said in `state` (JSON): a ledger entry mail.<kind>.
  [[nodiscard]] Status record_mail(const std::string& kind, const std::string& recipient,
                                   const std::string& state, const std::string& actor);
  [[nodiscard]] Result<std::map<std::string, std::string>> settings();
  [[nodiscard]] Status set_setting(const std::string& key, const std::string& value,
                                   const std::string& actor);
  // Sets `key` to `value` unless it holds `value` already, read and written
  // in one transaction (so of two processes claiming the same value, one
  // wins): the value it held before, or nullopt when it was claimed already.
  [[nodiscard]] Result<std::optional<std::string>> claim_setting(const std::string& key,
                                                                 const std::string& value,
                                                                 const std::string& actor);
  // The comments on a line, oldest first.
  [[nodiscard]] Result<std::vector<assess::Comment>> comments(const std::string& node_id,
                                                              const std::string& object);
  [[nodiscard]] Result<std::vector<assess::Evidence>> load_evidence();
  // Files in the store whose content no longer matches their name (hash).
  [[nodiscard]] Result<std::vector<std::string>> verify_evidence_store();

  // Users of the server (users.cc). Each change is a ledger entry on
  // "user/NAME" whose state is user_state() (never a secret); so is each
  // login and each refused one, with the user as the actor.
  [[nodiscard]] Result<std::vector<store::UserRecord>> users();
  [[nodiscard]] Result<std::optional<store::UserRecord>> user(const std::string& name);
  // Adds `user` ("user.add"); a usage error when one of that name exists.
  [[nodiscard]] Status add_user(const store::UserRecord& user, const std::string& actor);
  // Changes user `name` as `change` says, read and written in one
  // transaction, recorded as `action` ("user.disable", "login.success", ...);
  // a not-found error when there is no such user.
  using UserChange = std::function<Status(store::UserRecord&)>;
  [[nodiscard]] Status update_user(const std::string& name, const std::string& action,
                                   const UserChange& change, const std::string& actor);
  // An event about user `name` that changes no record ("login.failure",
  // "login.locked"), with its state as it stands.
  [[nodiscard]] Status record_user_event(const std::string& name, const std::string& action,
                                         const std::string& actor);
  // API tokens (users.cc), each change a ledger entry on "token/ID" whose
  // state is api_token_state(): "token.create", "token.revoke".
  [[nodiscard]] Result<std::vector<store::ApiTokenRecord>> api_tokens();
  [[nodiscard]] Result<std::optional<store::ApiTokenRecord>> api_token_by_digest(
      const std::string& digest);
  // A usage error when a token of that id exists or its user does not.
  [[nodiscard]] Status add_api_token(const store::ApiTokenRecord& token, const std::string& actor);
  // A not-found error when there is no such token, a usage error when it is
  // revoked already.
  [[nodiscard]] Status revoke_api_token(const std::string& id, const std::string& actor);

  // The ledger against the key recorded at init (`public_key_hex` empty) or
  // against a key an auditor holds. The signing key file, when present and
  // readable, must be the key recorded at init.
  [[nodiscard]] Result<ledger::VerifyReport> verify_ledger(std::string_view public_key_hex = {});
  // The live records against the ledger: every profile, register entry,
  // result and evidence record must be the state its latest ledger entry
  // recorded (an edit of the database behind etguard's back is named), and
  // nothing the ledger added may be missing. Empty when they agree.
  [[nodiscard]] Result<std::vector<std::string>> verify_state();

  // Every entry and checkpoint as JSON Lines (docs/ledger-format.md).
  [[nodiscard]] Status export_ledger(std::ostream& out);
  // The newest `limit` entries, oldest first.
  [[nodiscard]] Result<std::vector<store::LedgerLine>> ledger_lines(std::int64_t limit);
  // The newest entry that changed anything but the users and their logins
  // (a snapshot loaded after it still stands).
  [[nodiscard]] Result<store::LedgerLine> last_records_change();
  // The entries from `seq` on (it included), oldest first, at most `limit`.
  [[nodiscard]] Result<std::vector<store::LedgerLine>> ledger_lines_from(std::int64_t seq,
                                                                         std::int64_t limit);
  // The result of one line as stored now; none when never set.
  [[nodiscard]] Result<std::optional<assess::Result>> result(const std::string& node_id,
                                                             const std::string& object);

  // The ledger's public key as recorded at init (settings.ledger.public_key).
  const std::string& public_key_hex() const { return public_key_hex_; }
  const store::WorkspacePaths& paths() const { return paths_; }
  const Clock& clock() const { return *clock_; }

  // OK when the requirement applies to the object under the current
  // registers; otherwise a usage error listing the objects it applies to.
  [[nodiscard]] Status check_applies(const std::string& node_id, const std::string& object);

 private:
  // A setting's key and value as set_setting accepts them.
  [[nodiscard]] Status check_setting(const std::string& key, const std::string& value) const;
  // Within a transaction: the setting from `before` to `value`, recorded.
  [[nodiscard]] Status put_setting(ledger::Writer& writer, const std::string& key,
                                   const std::string& before, const std::string& value,
                                   const std::string& actor);
  Workspace(store::WorkspacePaths paths, store::Database db, std::optional<ledger::SigningKey> key,
            const Clock& clock);

  // Runs `body` in one transaction with a ledger writer, then checkpoints
  // and commits; an error anywhere rolls everything back.
  template <typename Body>
  auto in_transaction(Body body) -> decltype(body(std::declval<ledger::Writer&>()));
  [[nodiscard]] Status store_result(ledger::Writer& writer, const assess::Result& result,
                                    const std::string& actor);
  // Copies `file` (or writes `content`) into the content-addressed store.
  [[nodiscard]] Result<HashedCopy> keep_file(const std::filesystem::path& file);
  // The same for bytes in memory.
  [[nodiscard]] Result<HashedCopy> keep_bytes(std::string_view content);
  [[nodiscard]] Status keep_content(const std::string& sha256, std::string_view content);
  [[nodiscard]] Status record_withdrawal(ledger::Writer& writer, std::int64_t id,
                                         const std::string& reason, std::int64_t superseded_by,
                                         const std::string& actor);
  [[nodiscard]] Result<assess::Evidence> insert_evidence(ledger::Writer& writer,
                                                         assess::Evidence record,
                                                         const std::string& actor);

  store::WorkspacePaths paths_;
  store::Database db_;
  std::optional<ledger::SigningKey> key_;  // absent when opened read-only
  std::string public_key_hex_;
  const Clock* clock_;
  std::unique_ptr<store::Records> records_;
};

// Applicable (requirement, object) pairs under `registers`, for checking many
// records against one scope computation.
class ScopeIndex {
 public:
  explicit ScopeIndex(const assess::Registers& registers);
  // The scope of one requirement only (a single check need not scope all 202).
  ScopeIndex(const assess::Registers& registers, const std::string& node_id);
  // OK, or the usage error check_applies gives.
  [[nodiscard]] Status check(const std::string& node_id, const std::string& object) const;
  bool applies(const std::string& node_id, const std::string& object) const;

 private:
  void add(const assess::NodeScope& scope);
  std::map<std::string, std::vector<std::string>, std::less<>> objects_;  // by node id
};

// The rules a result must meet (Workspace::validate_result) against a scope
// computed once, for checking many.
[[nodiscard]] Status check_result(const ScopeIndex& scope, const assess::Result& result);

}  // namespace etguard::workspace
