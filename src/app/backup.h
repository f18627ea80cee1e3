// Backup and restore of a workspace (docs/backup.md): one zip holding a
// consistent copy of the database (SQLite's VACUUM INTO, taken while others
// keep writing), the content-addressed evidence store and the ledger key,
// with a MANIFEST.sha256 of every file signed by the ledger key; the backup
// is itself a ledger entry (backup.write). A restore writes a new workspace
// beside its target, checks every file against the manifest, the manifest's
// signature, the ledger, the records against the ledger and the evidence
// store, and only then moves it into place: a backup that fails any of them
// leaves nothing behind.
#pragma once

#include <filesystem>
#include <string>

#include "app/session.h"
#include "ledger/ledger.h"

namespace etguard::app {

struct BackupWritten {
  std::string manifest_sha256;
  std::size_t files = 0;  // the database, the key and the evidence files
  std::size_t evidence_files = 0;
  std::uint64_t bytes = 0;
};

// Writes the backup of the session's workspace to `out`, which must not exist.
[[nodiscard]] Result<BackupWritten> write_backup(Session& session,
                                                 const std::filesystem::path& out);

struct RestoreRequest {
  std::filesystem::path backup;
  std::filesystem::path target;  // a directory that must not exist yet
  // 64 hex digits, or a file holding them or an Ed25519 PEM key: the ledger
  // key the firm holds, which the manifest's signature must verify with (a
  // forged backup is refused); empty: the key the backup names (a damaged
  // one is refused; one forged whole, with its own key, is not).
  std::string public_key = {};
};

struct Restored {
  std::filesystem::path workspace;
  std::size_t files = 0;
  std::uint64_t bytes = 0;
  ledger::VerifyReport ledger;
};

[[nodiscard]] Result<Restored> restore_backup(const RestoreRequest& request, const Clock& clock);

}  // namespace etguard::app
