// The assessment workspace: the database, the signing key and the ledger
// together. Every mutation runs in one transaction with its ledger entries
// and a closing signed checkpoint, so state and ledger never diverge; a crash
// rolls back both.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "assess/model.h"
#include "assess/status.h"
#include "core/result.h"
#include "ledger/ledger.h"
#include "store/workspace.h"

namespace etguard::workspace {

// Who is acting: $ETGUARD_ACTOR, else $USER, else "unknown".
std::string current_actor();

struct ImportSummary {
  std::vector<std::string> added;  // entry keys, and "profile"
  std::vector<std::string> changed;
  std::vector<std::string> removed;
  std::int64_t ledger_entries = 0;
};

// Requirements that came into or went out of scope since the last recorded
// scope, as "ET-20.3 mobile_app/trade-app".
struct ScopeChange {
  bool first = false;  // no scope was recorded before
  std::vector<std::string> came_in;
  std::vector<std::string> went_out;
};

class Workspace {
 public:
  // `etguard init DIR`: the layout, a new signing key, the schema, and a
  // first ledger entry.
  // `key_uri`: a PKCS#11 URI for the ledger key; empty for a key file (0600).
  static Result<Workspace> create(const std::filesystem::path& dir, const std::string& actor,
                                  const std::string& key_uri = {});
  static Result<Workspace> open(const store::WorkspacePaths& paths);

  Result<assess::Registers> load_registers();

  // Replaces the profile and registers with `registers`; each added, changed
  // or removed object gets a ledger entry, all in one transaction.
  Result<ImportSummary> import_registers(const assess::Registers& registers,
                                         const std::string& actor, const std::string& source);

  // Records the set of applicable (requirement, object) pairs and returns
  // what changed since the previous record.
  Result<ScopeChange> record_scope(const std::vector<std::string>& applicable,
                                   const std::string& actor);

  // Records a result; the requirement must apply to the object (scope), a
  // not-applicable result needs a justification and a compensating control
  // its description (note).
  Status set_result(const assess::Result& result, const std::string& actor);
  // Many results in one transaction (answers import): all or nothing;
  // unchanged results are not recorded again.
  Status set_results(const std::vector<assess::Result>& results, const std::string& actor);
  // Starts a new assessment cycle named `name` on `today`: every result is
  // archived as it stood under the previous cycle, then reset to not
  // assessed (owner, note and justification kept to help the re-attestation).
  // Evidence is not touched: links carry over, files and scans stay the
  // record of the periods they cover. Returns the number of results reset.
  Result<int> start_cycle(const std::string& name, const std::string& today,
                          const std::string& actor);

  // The rules a result must meet: it applies to the object; not-applicable
  // has a justification; a compensating control has its description.
  Status validate_result(const assess::Result& result);
  Result<std::vector<assess::Result>> load_results();

  // Adds evidence for a requirement and object: a file (copied into the
  // content-addressed store, deduplicated by SHA-256, read-only) or a link.
  Result<assess::Evidence> add_evidence(const assess::Evidence& evidence,
                                        const std::filesystem::path& file,
                                        const std::string& actor);
  Result<std::vector<assess::Evidence>> load_evidence();
  // Files in the store whose content no longer matches their name (hash).
  Result<std::vector<std::string>> verify_evidence_store();

  Result<ledger::VerifyReport> verify_ledger();
  const std::string& public_key_hex() const { return key_.public_key_hex(); }
  const store::WorkspacePaths& paths() const { return paths_; }
  store::Database& db() { return db_; }

  // OK when the requirement applies to the object under the current
  // registers; otherwise a usage error listing the objects it applies to.
  Status check_applies(const std::string& node_id, const std::string& object);

 private:
  Status store_result(ledger::Writer& writer, const assess::Result& result,
                      const std::string& actor);
  // Fails unless the requirement exists and applies to the object (scope).

  Workspace(store::WorkspacePaths paths, store::Database db, ledger::SigningKey key)
      : paths_(std::move(paths)), db_(std::move(db)), key_(std::move(key)) {}

  store::WorkspacePaths paths_;
  store::Database db_;
  ledger::SigningKey key_;
};

}  // namespace etguard::workspace
