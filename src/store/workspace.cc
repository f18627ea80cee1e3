#include "store/workspace.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "store/schema.h"

namespace etguard::store {
namespace {

std::optional<WorkspacePaths> workspace_at(const std::filesystem::path& dir) {
  std::error_code ignored;
  if (dir.filename() == kWorkspaceDir && std::filesystem::is_directory(dir, ignored)) {
    return WorkspacePaths{dir};
  }
  if (std::filesystem::is_directory(dir / kWorkspaceDir, ignored)) {
    return WorkspacePaths{dir / kWorkspaceDir};
  }
  return std::nullopt;
}

std::unexpected<Error> not_a_workspace(const std::filesystem::path& dir, std::string_view from) {
  return fail(ErrorKind::kNotFound,
              fmt::format("{} '{}' is not an etguard workspace (run 'etguard init {}')", from,
                          dir.string(), dir.string()),
              fmt::format("{} '{}' 不是 etguard 工作區（請先執行 'etguard init {}'）", from,
                          dir.string(), dir.string()));
}

// Refuses what is not an etguard database, before anything is written to it.
std::unexpected<Error> not_a_workspace(const WorkspacePaths& paths) {
  return fail(ErrorKind::kInput,
              fmt::format("{} is not an etguard workspace database (it is empty or holds other "
                          "data); restore it from a backup, or run 'etguard init' in a new "
                          "directory",
                          paths.database().string()),
              fmt::format("{} 不是 etguard 工作區資料庫（為空或為其他資料）；請由備份還原，"
                          "或於新目錄執行 'etguard init'",
                          paths.database().string()));
}

}  // namespace

Result<WorkspacePaths> find_workspace(const std::optional<std::filesystem::path>& explicit_dir,
                                      const std::filesystem::path& start) {
  if (explicit_dir) {
    if (auto found = workspace_at(*explicit_dir)) {
      return *found;
    }
    return not_a_workspace(*explicit_dir, "--workspace");
  }
  if (const char* env = std::getenv("ETGUARD_WORKSPACE"); env != nullptr && *env != '\0') {
    if (auto found = workspace_at(env)) {
      return *found;
    }
    return not_a_workspace(env, "ETGUARD_WORKSPACE");
  }
  for (std::filesystem::path dir = std::filesystem::absolute(start);; dir = dir.parent_path()) {
    if (auto found = workspace_at(dir)) {
      return *found;
    }
    if (dir == dir.parent_path()) {
      break;
    }
  }
  return fail(ErrorKind::kNotFound,
              fmt::format("no etguard workspace in '{}' or above; run 'etguard init' or give "
                          "--workspace DIR",
                          start.string()),
              fmt::format("在 '{}' 及其上層找不到 etguard 工作區；請執行 'etguard init' 或指定 "
                          "--workspace",
                          start.string()));
}

Result<WorkspacePaths> create_workspace_layout(const std::filesystem::path& dir) {
  WorkspacePaths paths{dir / kWorkspaceDir};
  std::error_code error;
  if (std::filesystem::exists(paths.root, error)) {
    return fail(ErrorKind::kUsage, fmt::format("'{}' already holds a workspace", dir.string()),
                fmt::format("'{}' 已有工作區", dir.string()));
  }
  std::filesystem::create_directories(paths.evidence(), error);
  if (!error) {
    std::filesystem::create_directories(paths.signing_key().parent_path(), error);
  }
  if (!error) {
    std::filesystem::permissions(paths.signing_key().parent_path(),
                                 std::filesystem::perms::owner_all, error);
  }
  if (error) {
    return fail(ErrorKind::kIo,
                fmt::format("cannot create '{}': {}", paths.root.string(), error.message()),
                fmt::format("無法建立 '{}'：{}", paths.root.string(), error.message()));
  }
  return paths;
}

Result<int> schema_version(Database& db) {
  auto exists = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'");
  if (!exists) {
    return std::unexpected(exists.error());
  }
  if (auto row = exists->step(); !row || !*row || exists->integer(0) == 0) {
    return 0;
  }
  auto max = db.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
  if (!max) {
    return std::unexpected(max.error());
  }
  if (auto row = max->step(); !row) {
    return std::unexpected(row.error());
  }
  return static_cast<int>(max->integer(0));
}

namespace {

// Why the workspace cannot be written here (an errno), or 0; a database not
// there yet is not this check's business.
int unwritable(const WorkspacePaths& paths) {
  for (const std::filesystem::path& path : {paths.database(), paths.root}) {
    if (::access(path.c_str(), W_OK) != 0 && errno != ENOENT) {
      return errno;
    }
  }
  return 0;
}

// Only `init` makes a database: an emptied or foreign file is refused, never
// silently made into a new, empty workspace.
Status holds_a_workspace(Database& db, const WorkspacePaths& paths) {
  auto tables = db.prepare(
      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
      "('schema_migrations', 'settings', 'ledger')");
  if (!tables) {
    return std::unexpected(tables.error());
  }
  if (auto row = tables->step(); !row || !*row || tables->integer(0) != 3) {
    return not_a_workspace(paths);
  }
  return {};
}

}  // namespace

Result<Database> open_database_read_only(const WorkspacePaths& paths) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(paths.database(), error) ||
      !Database::starts_like_sqlite(paths.database())) {
    return not_a_workspace(paths);
  }
  auto db = Database::open_read_only(paths.database());
  if (!db) {
    return std::unexpected(db.error());
  }
  if (Status workspace = holds_a_workspace(*db, paths); !workspace) {
    return std::unexpected(workspace.error());
  }
  auto current = schema_version(*db);
  if (!current) {
    return std::unexpected(current.error());
  }
  if (const int newest = migrations().back().version; *current != newest) {
    return fail(ErrorKind::kUsage,
                fmt::format("the workspace has schema version {} and this etguard reads {}; "
                            "run a command that changes it once with write access (or use the "
                            "etguard that wrote it)",
                            *current, newest),
                fmt::format("工作區結構版本 {}，本版 etguard 讀取 {}；請以可寫入方式執行一次"
                            "變更指令（或使用寫入它的 etguard 版本）",
                            *current, newest));
  }
  return std::move(*db);
}

Result<Database> open_database(const WorkspacePaths& paths, bool create) {
  std::error_code error;
  if (!create && std::filesystem::exists(paths.database(), error) &&
      !Database::starts_like_sqlite(paths.database())) {
    return not_a_workspace(paths);
  }
  if (const int why = create ? 0 : unwritable(paths); why != 0) {
    return fail(ErrorKind::kUsage,
                fmt::format("the workspace {} cannot be written here ({}): this command changes "
                            "it; status, report, soa, exports and verification still work",
                            paths.root.string(), std::strerror(why)),
                fmt::format("工作區 {} 無法寫入（{}）：本指令會變更工作區；status、report、soa、"
                            "匯出與驗證仍可使用",
                            paths.root.string(), std::strerror(why)));
  }
  auto db = Database::open(paths.database(), create);
  if (!db) {
    return std::unexpected(db.error());
  }
  if (!create) {
    if (Status workspace = holds_a_workspace(*db, paths); !workspace) {
      return std::unexpected(workspace.error());
    }
  }
  if (Status made = db->exec(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at "
          "TEXT NOT NULL)");
      !made) {
    return std::unexpected(made.error());
  }
  auto current = schema_version(*db);
  if (!current) {
    return std::unexpected(current.error());
  }
  const int newest = migrations().back().version;
  if (*current > newest) {
    return fail(
        ErrorKind::kUsage,
        fmt::format("the workspace has schema version {}, newer than this etguard ({}); "
                    "upgrade etguard",
                    *current, newest),
        fmt::format("工作區結構版本 {} 較本版 etguard（{}）新；請升級 etguard", *current, newest));
  }
  for (const Migration& migration : migrations()) {
    if (migration.version <= *current) {
      continue;
    }
    auto transaction = Transaction::begin(*db);
    if (!transaction) {
      return std::unexpected(transaction.error());
    }
    if (Status applied = db->exec(migration.sql); !applied) {
      return std::unexpected(applied.error());
    }
    auto record = db->prepare(
        "INSERT INTO schema_migrations (version, applied_at) VALUES (?, "
        "strftime('%Y-%m-%dT%H:%M:%SZ','now'))");
    if (!record) {
      return std::unexpected(record.error());
    }
    if (Status recorded = record->bind(1, std::int64_t{migration.version}).run(); !recorded) {
      return std::unexpected(recorded.error());
    }
    if (Status committed = transaction->commit(); !committed) {
      return std::unexpected(committed.error());
    }
  }
  return std::move(*db);
}

}  // namespace etguard::store
