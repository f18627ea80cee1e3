// A workspace: a directory holding `.etguard/` with the SQLite database
// (workspace.db), the content-addressed evidence store (evidence/) and the
// ledger signing key (keys/ledger.key, mode 0600).
#pragma once

#include <filesystem>
#include <optional>

#include "core/result.h"
#include "store/sqlite.h"

namespace etguard::store {

inline constexpr std::string_view kWorkspaceDir = ".etguard";

struct WorkspacePaths {
  std::filesystem::path root;  // the .etguard directory
  std::filesystem::path database() const { return root / "workspace.db"; }
  std::filesystem::path evidence() const { return root / "evidence"; }
  std::filesystem::path signing_key() const { return root / "keys" / "ledger.key"; }
  // Present instead of ledger.key when the key lives on a PKCS#11 token.
  std::filesystem::path signing_key_uri() const { return root / "keys" / "ledger.uri"; }
};

// Where the workspace is: `explicit_dir` (--workspace) when given, else
// $ETGUARD_WORKSPACE, else the nearest `.etguard` from `start` upward. Either
// a directory containing `.etguard` or the `.etguard` directory itself.
Result<WorkspacePaths> find_workspace(const std::optional<std::filesystem::path>& explicit_dir,
                                      const std::filesystem::path& start);

// Creates `.etguard/` in `dir` (which may not exist yet). Fails when `dir`
// already holds a workspace.
Result<WorkspacePaths> create_workspace_layout(const std::filesystem::path& dir);

// Opens the database and applies every migration it lacks, in one
// transaction per migration.
Result<Database> open_database(const WorkspacePaths& paths, bool create);

// Opens the database for reading only: nothing is created or migrated; a
// database that needs a migration is refused with what to do.
Result<Database> open_database_read_only(const WorkspacePaths& paths);

// The schema version of an open database (0 for an empty one).
Result<int> schema_version(Database& db);

}  // namespace etguard::store
