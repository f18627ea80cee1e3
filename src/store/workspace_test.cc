#include "store/workspace.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "store/schema.h"

namespace etguard::store {
namespace {

class WorkspaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("etg-ws-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    ::unsetenv("ETGUARD_WORKSPACE");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(WorkspaceTest, CreatesTheLayoutAndAppliesEveryMigrationOnce) {
  const WorkspacePaths paths = create_workspace_layout(dir_).value();
  EXPECT_TRUE(std::filesystem::is_directory(paths.evidence()));
  {
    Database db = open_database(paths, true).value();
    EXPECT_EQ(schema_version(db).value(), 15);
    auto journal = db.prepare("PRAGMA journal_mode").value();
    ASSERT_TRUE(journal.step().value());
    EXPECT_EQ(journal.text(0), "wal");
  }
  Database again = open_database(paths, false).value();  // reopening changes nothing
  auto count = again.prepare("SELECT count(*) FROM schema_migrations").value();
  ASSERT_TRUE(count.step().value());
  EXPECT_EQ(count.integer(0), 15);
  EXPECT_FALSE(create_workspace_layout(dir_));  // never over an existing workspace
}

// Reviews of evidence (schema 12) can be neither changed nor removed.
TEST_F(WorkspaceTest, EvidenceReviewsAreImmutable) {
  const WorkspacePaths paths = create_workspace_layout(dir_).value();
  Database db = open_database(paths, true).value();
  ASSERT_TRUE(
      db.exec("INSERT INTO evidence (kind, name, uri, node_id, object, added_by, added_at) "
              "VALUES ('link', 'policy', 'https://intranet/policy', 'ET-41', 'org', 'me', 't')"));
  ASSERT_TRUE(
      db.exec("INSERT INTO evidence_reviews (evidence_id, decision, comment, reviewer, "
              "reviewed_at) VALUES (1, 'approved', '', 'you', 't')"));
  EXPECT_FALSE(db.exec("UPDATE evidence_reviews SET decision = 'rejected'"));
  EXPECT_FALSE(db.exec("DELETE FROM evidence_reviews"));
  EXPECT_FALSE(
      db.exec("INSERT INTO evidence_reviews (evidence_id, decision, comment, reviewer, "
              "reviewed_at) VALUES (1, 'maybe', '', 'you', 't')"));
}

TEST_F(WorkspaceTest, Version4KeepsEvidenceRecordedUnderVersion3) {
  const WorkspacePaths paths = create_workspace_layout(dir_).value();
  {
    // A workspace as etguard with schema version 3 left it.
    Database old = Database::open(paths.database(), true).value();
    ASSERT_TRUE(old.exec(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"));
    for (const Migration& migration : migrations().first(3)) {
      ASSERT_TRUE(old.exec(migration.sql));
      ASSERT_TRUE(old.exec("INSERT INTO schema_migrations VALUES (" +
                           std::to_string(migration.version) + ", 'x')"));
    }
    ASSERT_TRUE(old.exec(
        "INSERT INTO evidence (kind, name, uri, node_id, object, added_by, added_at) "
        "VALUES ('link', 'policy', 'https://intranet/policy', 'ET-41', 'org', 'me', 't')"));
  }
  Database db = open_database(paths, false).value();
  EXPECT_EQ(schema_version(db).value(), 15);
  auto row = db.prepare("SELECT kind, uri, check_id IS NULL FROM evidence").value();
  ASSERT_TRUE(row.step().value());
  EXPECT_EQ(row.text(0), "link");
  EXPECT_EQ(row.text(1), "https://intranet/policy");
  EXPECT_EQ(row.integer(2), 1);
  // Still immutable, and a scan record must name its check and verdict.
  EXPECT_FALSE(db.exec("UPDATE evidence SET name = 'changed'"));
  EXPECT_FALSE(
      db.exec("INSERT INTO evidence (kind, name, node_id, object, added_by, added_at) "
              "VALUES ('scan', 'x', 'ET-34.1', 'org', 'me', 't')"));
  EXPECT_TRUE(db.exec(
      "INSERT INTO evidence (kind, name, node_id, object, added_by, added_at, check_id, verdict) "
      "VALUES ('scan', 'x', 'ET-34.1', 'org', 'me', 't', 'tls.protocol', 'pass')"));
}

TEST_F(WorkspaceTest, IsFoundFromTheFlagTheEnvironmentOrAboveTheCurrentDirectory) {
  ASSERT_TRUE(create_workspace_layout(dir_));
  const auto nested = dir_ / "a" / "b";
  std::filesystem::create_directories(nested);
  EXPECT_EQ(find_workspace(std::nullopt, nested).value().root, dir_ / ".etguard");
  EXPECT_EQ(find_workspace(dir_, "/").value().root, dir_ / ".etguard");
  EXPECT_EQ(find_workspace(dir_ / ".etguard", "/").value().root, dir_ / ".etguard");
  ::setenv("ETGUARD_WORKSPACE", dir_.c_str(), 1);
  EXPECT_EQ(find_workspace(std::nullopt, "/").value().root, dir_ / ".etguard");
  ::setenv("ETGUARD_WORKSPACE", "/nonexistent", 1);
  EXPECT_FALSE(find_workspace(std::nullopt, nested));
  ::unsetenv("ETGUARD_WORKSPACE");
  const auto missing = find_workspace(nested / "x", "/");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
}

TEST_F(WorkspaceTest, RefusesADatabaseFromANewerEtguard) {
  const WorkspacePaths paths = create_workspace_layout(dir_).value();
  {
    Database db = open_database(paths, true).value();
    ASSERT_TRUE(db.exec("INSERT INTO schema_migrations VALUES (99, '2030-01-01T00:00:00Z')"));
  }
  const auto opened = open_database(paths, false);
  ASSERT_FALSE(opened);
  EXPECT_NE(opened.error().message.find("newer"), std::string::npos);
}

// Whether another process sees a lock of this one on SQLite's shared-lock
// bytes of `path` (what a connection in WAL mode holds while it is open).
bool another_process_sees_our_lock(const std::filesystem::path& path) {
  const pid_t child = ::fork();
  if (child == 0) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    struct flock probe{};
    probe.l_type = F_WRLCK;
    probe.l_whence = SEEK_SET;
    probe.l_start = 0x40000002;  // SQLite's SHARED_FIRST
    probe.l_len = 510;           // SHARED_SIZE
    const bool locked = fd >= 0 && ::fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
    ::_exit(locked ? 0 : 1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// The header check of a workspace that this process already has open must
// not drop this process's locks: closing any descriptor of a file releases
// them all, and another process closing its connection would then take the
// workspace for unused and delete the WAL under this one (reads failed with
// "disk I/O error" in `etguard serve` after a command at the terminal).
TEST_F(WorkspaceTest, CheckingAnOpenWorkspacesHeaderKeepsThisProcesssLocks) {
  const WorkspacePaths paths = create_workspace_layout(dir_).value();
  ASSERT_TRUE(open_database(paths, true));
  const std::filesystem::path path = paths.database();
  auto db = Database::open(path, false);
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->exec("SELECT count(*) FROM sqlite_schema"));
  ASSERT_TRUE(another_process_sees_our_lock(path));
  EXPECT_TRUE(Database::starts_like_sqlite(path));
  EXPECT_TRUE(another_process_sees_our_lock(path));
  EXPECT_TRUE(open_database_read_only(paths));
  EXPECT_TRUE(open_database(paths, false));
  EXPECT_TRUE(another_process_sees_our_lock(path));
  // The hazard itself: a plain open and close of the file drops the lock.
  {
    std::ifstream(path, std::ios::binary).get();
  }
  EXPECT_FALSE(another_process_sees_our_lock(path));
}

TEST_F(WorkspaceTest, OnlyAnSqliteFileStartsLikeOne) {
  std::filesystem::create_directories(dir_);
  const std::filesystem::path empty = dir_ / "empty.db";
  const std::filesystem::path text = dir_ / "text.db";
  std::ofstream(empty).flush();
  std::ofstream(text) << "SQLite format 2 and something else entirely";
  EXPECT_FALSE(Database::starts_like_sqlite(empty));
  EXPECT_FALSE(Database::starts_like_sqlite(text));
  EXPECT_FALSE(Database::starts_like_sqlite(dir_ / "missing.db"));
  EXPECT_EQ(std::filesystem::file_size(empty), 0U);  // nothing written
  EXPECT_FALSE(std::filesystem::exists(dir_ / "missing.db"));
}

}  // namespace
}  // namespace etguard::store
