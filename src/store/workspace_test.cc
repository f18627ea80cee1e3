#include "store/workspace.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>

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
    EXPECT_EQ(schema_version(db).value(), 3);
    auto journal = db.prepare("PRAGMA journal_mode").value();
    ASSERT_TRUE(journal.step().value());
    EXPECT_EQ(journal.text(0), "wal");
  }
  Database again = open_database(paths, false).value();  // reopening changes nothing
  auto count = again.prepare("SELECT count(*) FROM schema_migrations").value();
  ASSERT_TRUE(count.step().value());
  EXPECT_EQ(count.integer(0), 3);
  EXPECT_FALSE(create_workspace_layout(dir_));  // never over an existing workspace
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

}  // namespace
}  // namespace etguard::store
