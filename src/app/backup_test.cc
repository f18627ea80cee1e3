// Backup and restore on a real workspace: a round trip keeps every record,
// evidence file and ledger entry; a backup changed after it was written, or
// whose database was swapped and its manifest rewritten, is refused and
// leaves nothing behind; a restore never writes into an existing directory.
#include "app/backup.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "app/assessment.h"
#include "app/ledger.h"
#include "app/registers.h"
#include "core/digest.h"
#include "core/zip_archive.h"
#include "pack/manifest.h"

namespace etguard::app {
namespace {

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("etg-backup-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    session_.emplace(Session::create(dir_ / "ws", "", {&clock_, "officer"}).value());
    ASSERT_TRUE(import_registers_file(
        *session_, std::filesystem::path(ETG_SOURCE_DIR) / "src/assess/testdata/firm.yaml"));
    std::ofstream(dir_ / "policy.txt") << "the cloud policy, approved";
    ASSERT_TRUE(add_evidence(*session_, {"ET-41", "org", dir_ / "policy.txt", "", "policy",
                                         "2027-01-01", "2027-12-31"}));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Rewrites the backup with `change` applied to each member (name, bytes).
  std::filesystem::path rewritten(
      const std::filesystem::path& backup, const std::string& name,
      const std::function<void(const std::string&, std::string&)>& change) {
    auto zip = ZipReader::open(backup).value();
    const std::filesystem::path out = dir_ / name;
    auto writer = ZipWriter::create(out).value();
    for (const ZipEntry& entry : zip.entries()) {
      std::string bytes = zip.read_whole(entry, 1U << 30U).value();
      change(entry.name, bytes);
      EXPECT_TRUE(writer.add_text(entry.name, bytes));
    }
    EXPECT_TRUE(writer.close());
    return out;
  }

  bool nothing_left_beside(const std::filesystem::path& target) {
    for (const auto& entry : std::filesystem::directory_iterator(target.parent_path())) {
      if (entry.path().filename().string().starts_with("." + target.filename().string())) {
        return false;
      }
    }
    return !std::filesystem::exists(target);
  }

  FixedClock clock_ = FixedClock::at("2027-03-01T09:00:00Z");
  std::filesystem::path dir_;
  std::optional<Session> session_;
};

TEST_F(BackupTest, ARestoredBackupHoldsEveryRecordFileAndLedgerEntry) {
  const auto before = verify_ledger(*session_, "").value();
  const auto written = write_backup(*session_, dir_ / "b.zip");
  ASSERT_TRUE(written) << written.error().message;
  EXPECT_EQ(written->evidence_files, 1U);
  EXPECT_EQ(written->files, 4U);  // BACKUP.json, the database, the key, the evidence file
  // The backup is itself in the source's ledger.
  const auto lines = latest_ledger_lines(*session_, 1).value();
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_EQ(lines.back().action, "backup.write");
  EXPECT_FALSE(write_backup(*session_, dir_ / "b.zip"));  // never over a file

  const auto restored = restore_backup({dir_ / "b.zip", dir_ / "restored"}, clock_);
  ASSERT_TRUE(restored) << restored.error().message;
  EXPECT_EQ(restored->ledger.entries, before.entries);
  EXPECT_EQ(restored->ledger.head_hash, before.head_hash);
  auto reopened = Session::open(dir_ / "restored", {&clock_, "officer"}).value();
  const auto evidence = reopened.workspace().load_evidence().value();
  ASSERT_EQ(evidence.size(), 1U);
  std::ifstream stored(reopened.workspace().stored_file(evidence[0].sha256));
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(stored), {}), "the cloud policy, approved");
  EXPECT_EQ(std::filesystem::status(reopened.root() / "keys" / "ledger.key").permissions(),
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  // It goes on: a change is signed with the restored key and verifies.
  EXPECT_TRUE(add_evidence(reopened, {"ET-41", "org", {}, "dms://policies/41", "", "", ""}));
  EXPECT_TRUE(verify_ledger(reopened, "").value().ok());
  // Never into an existing directory.
  const auto again = restore_backup({dir_ / "b.zip", dir_ / "restored"}, clock_);
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("exists"), std::string::npos);
}

// Another writer keeps recording while the backup is taken: the copy is the
// database at one moment, so it restores and its ledger verifies.
TEST_F(BackupTest, ABackupTakenWhileAnotherWriterRecordsRestoresWhole) {
  std::atomic<bool> done = false;
  std::atomic<int> recorded = 0;
  std::thread writer([&] {
    auto other = Session::open(dir_ / "ws", {&clock_, "auditor"}).value();
    for (int i = 0; i < 200 && !done; ++i) {
      if (add_evidence(other,
                       {"ET-41", "org", {}, "dms://policies/" + std::to_string(i), "", "", ""})) {
        ++recorded;
      }
    }
  });
  for (int i = 0; i < 5; ++i) {
    const auto out = dir_ / ("b" + std::to_string(i) + ".zip");
    ASSERT_TRUE(write_backup(*session_, out));
    const auto restored = restore_backup({out, dir_ / ("restored" + std::to_string(i))}, clock_);
    ASSERT_TRUE(restored) << restored.error().message;
    EXPECT_TRUE(restored->ledger.ok());
  }
  done = true;
  writer.join();
  EXPECT_GT(recorded.load(), 0);
}

TEST_F(BackupTest, AChangedMemberIsNamedAndNothingIsLeftBehind) {
  ASSERT_TRUE(write_backup(*session_, dir_ / "b.zip"));
  const auto changed =
      rewritten(dir_ / "b.zip", "changed.zip", [](const std::string& name, std::string& bytes) {
        if (name.starts_with("evidence/")) {
          bytes = "the cloud policy, NOT approved";
        }
      });
  const auto refused = restore_backup({changed, dir_ / "restored"}, clock_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::kInput);
  EXPECT_NE(refused.error().message.find("differs from the manifest"), std::string::npos)
      << refused.error().message;
  EXPECT_TRUE(nothing_left_beside(dir_ / "restored"));
}

// A database swapped in with its manifest line rewritten: the manifest no
// longer carries a signature by the ledger key.
TEST_F(BackupTest, ARewrittenManifestIsRefusedByItsSignature) {
  ASSERT_TRUE(write_backup(*session_, dir_ / "b.zip"));
  std::string other_database;
  const auto swapped =
      rewritten(dir_ / "b.zip", "swapped.zip", [&](const std::string& name, std::string& bytes) {
        if (name == "workspace.db") {
          bytes.back() = static_cast<char>(bytes.back() ^ 1);
          other_database = sha256_hex(bytes);
        }
      });
  const auto resigned =
      rewritten(swapped, "resigned.zip", [&](const std::string& name, std::string& bytes) {
        if (name == pack::kManifestName) {
          auto lines = pack::parse_manifest(bytes, "manifest").value();
          for (pack::ManifestLine& line : lines) {
            if (line.path == "workspace.db") {
              line.sha256 = other_database;
            }
          }
          bytes = pack::write_manifest(lines);
        }
      });
  const auto refused = restore_backup({resigned, dir_ / "restored"}, clock_);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("does not verify"), std::string::npos)
      << refused.error().message;
  EXPECT_TRUE(nothing_left_beside(dir_ / "restored"));
  // BACKUP.json is read before the signature: one whose key is no text,
  // with its manifest line rewritten to match, is refused, not thrown on.
  std::string about;
  const auto odd =
      rewritten(dir_ / "b.zip", "odd.zip", [&](const std::string& name, std::string& bytes) {
        if (name == "BACKUP.json") {
          bytes = R"({"format": "etguard.backup", "public_key": 5})";
          about = sha256_hex(bytes);
        }
      });
  const auto odd_listed =
      rewritten(odd, "odd-listed.zip", [&](const std::string& name, std::string& bytes) {
        if (name == pack::kManifestName) {
          auto lines = pack::parse_manifest(bytes, "manifest").value();
          for (pack::ManifestLine& line : lines) {
            if (line.path == "BACKUP.json") {
              line.sha256 = about;
            }
          }
          bytes = pack::write_manifest(lines);
        }
      });
  const auto typed = restore_backup({odd_listed, dir_ / "restored"}, clock_);
  ASSERT_FALSE(typed);
  EXPECT_NE(typed.error().message.find("does not verify"), std::string::npos)
      << typed.error().message;
  EXPECT_TRUE(nothing_left_beside(dir_ / "restored"));
  // And a key the firm holds that is not this workspace's is refused too.
  const auto wrong =
      restore_backup({dir_ / "b.zip", dir_ / "restored", std::string(64, 'a')}, clock_);
  ASSERT_FALSE(wrong);
  EXPECT_TRUE(nothing_left_beside(dir_ / "restored"));
}

}  // namespace
}  // namespace etguard::app
