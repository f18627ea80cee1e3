#include "ledger/ledger.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/atomic_file.h"
#include "ledger/export.h"
#include "store/workspace.h"

namespace etguard::ledger {
namespace {

class LedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::ranges::replace(name, '/', '-');
    dir_ = std::filesystem::temp_directory_path() /
           ("etg-ledger-" + std::to_string(::getpid()) + "-" + name);
    std::filesystem::remove_all(dir_);
    paths_ = store::create_workspace_layout(dir_).value();
    key_.emplace(SigningKey::generate(paths_.signing_key()).value());
    db_.emplace(store::open_database(paths_, true).value());
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Appends `count` entries in one transaction, as one command would.
  void command(int count, int checkpoint_every = 4) {
    auto transaction = store::Transaction::begin(*db_).value();
    auto writer = Writer::open(*db_, *key_, checkpoint_every).value();
    for (int i = 0; i < count; ++i) {
      const std::string n = std::to_string(writer.last_seq() + 1);
      // A ledger begins with the workspace's birth, naming its key.
      const Change change =
          writer.last_seq() == 0
              ? Change{"officer", "workspace.init", "workspace", "",
                       R"({"public_key":")" + key_->public_key_hex() + R"("})"}
              : Change{"officer", "register.add", "cloud/svc-" + n, "", "state " + n};
      ASSERT_TRUE(writer.append(change, "2026-11-26T10:00:00.000Z"));
    }
    ASSERT_TRUE(writer.checkpoint("2026-11-26T10:00:01.000Z"));
    ASSERT_TRUE(transaction.commit());
  }

  VerifyReport verify_now() { return verify(*db_, key_->public_key_hex()).value(); }

  // What an attacker with write access to the file can do: drop the triggers.
  void tamper(const std::string& sql) {
    ASSERT_TRUE(db_->exec(
        "DROP TRIGGER IF EXISTS ledger_append_only; DROP TRIGGER IF EXISTS ledger_retention;"));
    ASSERT_TRUE(db_->exec(sql));
  }

  std::filesystem::path dir_;
  store::WorkspacePaths paths_;
  std::optional<SigningKey> key_;
  std::optional<store::Database> db_;
};

TEST_F(LedgerTest, AnUntouchedLedgerVerifies) {
  command(10);
  command(3);
  const VerifyReport report = verify_now();
  EXPECT_TRUE(report.ok()) << report.problem;
  EXPECT_EQ(report.entries, 13);
  EXPECT_GE(report.checkpoints, 3);  // every 4 entries and at each command's end
}

TEST_F(LedgerTest, AFlippedByteIsDetectedAndLocated) {
  command(10);
  tamper("UPDATE ledger SET actor = 'officeR' WHERE seq = 6");
  const VerifyReport report = verify_now();
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.first_bad, 6);
  EXPECT_NE(report.problem.find("modified"), std::string::npos) << report.problem;
}

TEST_F(LedgerTest, ADeletedRowIsDetectedAndLocated) {
  command(10);
  tamper("DELETE FROM ledger WHERE seq = 4");
  const VerifyReport report = verify_now();
  EXPECT_EQ(report.first_bad, 4);
  EXPECT_NE(report.problem.find("missing"), std::string::npos) << report.problem;
}

TEST_F(LedgerTest, ASwappedPairIsDetectedAndLocated) {
  command(10);
  tamper(
      "UPDATE ledger SET seq = -1 WHERE seq = 7; UPDATE ledger SET seq = 7 WHERE seq = 8; "
      "UPDATE ledger SET seq = 8 WHERE seq = -1;");
  const VerifyReport report = verify_now();
  EXPECT_EQ(report.first_bad, 7);
  EXPECT_NE(report.problem.find("does not follow"), std::string::npos) << report.problem;
}

TEST_F(LedgerTest, AnEntryRewrittenWithAValidHashIsCaughtByTheSignature) {
  command(8, 0);  // one checkpoint, at the end
  Entry forged{3,
               "2026-11-26T10:00:00.000Z",
               "intruder",
               "register.add",
               "cloud/svc-3",
               "",
               state_digest("x"),
               "",
               ""};
  auto row = db_->prepare("SELECT hash FROM ledger WHERE seq = 2").value();
  ASSERT_TRUE(row.step().value());
  forged.prev_hash = row.text(0);
  forged.hash = entry_hash(forged);
  // Rewrite entry 3 and re-chain every later entry so that all hashes agree.
  tamper("UPDATE ledger SET actor = 'intruder', after_digest = '" + forged.after_digest +
         "', hash = '" + forged.hash + "' WHERE seq = 3");
  std::string previous = forged.hash;
  for (int seq = 4; seq <= 8; ++seq) {
    auto read = db_->prepare(
                       "SELECT time, actor, action, object, before_digest, after_digest FROM "
                       "ledger WHERE seq = ?")
                    .value();
    read.bind(1, std::int64_t{seq});
    ASSERT_TRUE(read.step().value());
    Entry next{seq,          read.text(0), read.text(1),
               read.text(2), read.text(3), read.text(4),
               read.text(5), previous,     ""};
    next.hash = entry_hash(next);
    tamper("UPDATE ledger SET prev_hash = '" + previous + "', hash = '" + next.hash +
           "' WHERE seq = " + std::to_string(seq));
    previous = next.hash;
  }
  const VerifyReport report = verify_now();
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.first_bad, 8);
  EXPECT_NE(report.problem.find("checkpoint"), std::string::npos) << report.problem;
}

TEST_F(LedgerTest, AnAppendedUnsignedEntryIsDetected) {
  command(5);
  auto writer = Writer::open(*db_, *key_, 0).value();  // appends without a checkpoint
  ASSERT_TRUE(
      writer.append({"intruder", "register.add", "x", "", "y"}, "2026-11-26T11:00:00.000Z"));
  const VerifyReport report = verify_now();
  EXPECT_EQ(report.first_bad, 6);
  EXPECT_NE(report.problem.find("not covered"), std::string::npos) << report.problem;
}

TEST_F(LedgerTest, ACheckpointSignedByAnotherKeyIsRejected) {
  command(5);
  const auto other = SigningKey::generate(dir_ / "other.key").value();
  const VerifyReport report = verify(*db_, other.public_key_hex()).value();
  EXPECT_FALSE(report.ok());
  // Entry 1 names the workspace's own key: the first thing that does not fit.
  EXPECT_EQ(report.first_bad, 1);
  EXPECT_NE(report.problem.find("names another key"), std::string::npos) << report.problem;
}

TEST_F(LedgerTest, AnEmptiedLedgerDoesNotVerify) {
  command(5);
  tamper("DELETE FROM ledger; DELETE FROM ledger_checkpoints;");
  const VerifyReport report = verify_now();
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.first_bad, 1);
  EXPECT_NE(report.problem.find("workspace.init) is missing"), std::string::npos) << report.problem;
}

TEST_F(LedgerTest, AnEntryNumberedBelowOneIsCaught) {
  command(5);
  tamper(
      "INSERT INTO ledger (seq, time, actor, action, object, before_digest, after_digest, "
      "prev_hash, hash) VALUES (-1, 't', 'x', 'register.add', 'x', '', '', '', '')");
  const VerifyReport report = verify_now();
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.first_bad, -1);
  EXPECT_NE(report.problem.find("below 1"), std::string::npos) << report.problem;
}

TEST_F(LedgerTest, TheHeadIsReportedSoTruncationCanBeDetected) {
  command(6);
  const VerifyReport full = verify_now();
  EXPECT_EQ(full.head_seq, 6);
  EXPECT_EQ(full.head_hash.size(), 64U);
  // Cutting the tail with its checkpoints still verifies as a chain; only the
  // head an auditor noted shows what is gone.
  tamper("DELETE FROM ledger WHERE seq > 4; DELETE FROM ledger_checkpoints WHERE seq > 4;");
  command(0);
  const VerifyReport cut = verify_now();
  EXPECT_NE(cut.head_seq, full.head_seq);
}

TEST_F(LedgerTest, TheDatabaseRefusesUpdatesAndEarlyDeletion) {
  command(3);
  EXPECT_FALSE(db_->exec("UPDATE ledger SET actor = 'x' WHERE seq = 1"));
  EXPECT_FALSE(db_->exec("DELETE FROM ledger WHERE seq = 3"));
  EXPECT_FALSE(db_->exec("UPDATE ledger_checkpoints SET signature = 'x'"));
  EXPECT_TRUE(verify_now().ok());
}

TEST_F(LedgerTest, ARolledBackCommandLeavesNoTrace) {
  command(4);
  {
    auto transaction = store::Transaction::begin(*db_).value();
    auto writer = Writer::open(*db_, *key_).value();
    ASSERT_TRUE(
        writer.append({"officer", "import", "registers", "", "half"}, "2026-11-26T12:00:00.000Z"));
    // No commit: as if the process died here.
  }
  const VerifyReport report = verify_now();
  EXPECT_TRUE(report.ok()) << report.problem;
  EXPECT_EQ(report.entries, 4);
}

TEST_F(LedgerTest, AByteFlippedInTheFileIsDetected) {
  command(6);
  db_.reset();  // close: the WAL is checkpointed into the main file
  std::string bytes = read_file(paths_.database()).value();
  const std::size_t at = bytes.find("cloud/svc-5");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 10] = '9';  // cloud/svc-5 -> cloud/svc-9
  ASSERT_TRUE(write_file_atomically(paths_.database(), bytes));
  db_.emplace(store::open_database(paths_, false).value());
  const VerifyReport report = verify_now();
  EXPECT_EQ(report.first_bad, 5);
}

// The same tampering checked with the chain split into three ranges, at and
// around the seams (entries 1-10, 11-20, 21-30).
class LedgerSeamTest : public LedgerTest, public ::testing::WithParamInterface<std::string> {};

TEST_P(LedgerSeamTest, TamperingAtTheSeamsOfParallelVerificationIsLocated) {
  command(30, 7);
  ASSERT_TRUE(verify(*db_, key_->public_key_hex(), 3).value().ok());
  const std::string how = GetParam();
  std::int64_t expected = 0;
  if (how == "delete-first-of-range") {
    tamper("DELETE FROM ledger WHERE seq = 11");
    expected = 11;
  } else if (how == "delete-last-of-range") {
    tamper("DELETE FROM ledger WHERE seq = 20");
    expected = 20;
  } else if (how == "swap-across-seam") {
    tamper(
        "UPDATE ledger SET seq = -1 WHERE seq = 20; UPDATE ledger SET seq = 20 WHERE seq = 21; "
        "UPDATE ledger SET seq = 21 WHERE seq = -1;");
    expected = 20;
  } else {
    tamper("UPDATE ledger SET object = 'changed' WHERE seq = 21");
    expected = 21;
  }
  const VerifyReport parallel = verify(*db_, key_->public_key_hex(), 3).value();
  const VerifyReport serial = verify(*db_, key_->public_key_hex(), 1).value();
  EXPECT_EQ(parallel.first_bad, expected) << parallel.problem;
  EXPECT_EQ(serial.first_bad, expected) << serial.problem;
  EXPECT_EQ(parallel.problem, serial.problem);
}

INSTANTIATE_TEST_SUITE_P(Seams, LedgerSeamTest,
                         ::testing::Values("delete-first-of-range", "delete-last-of-range",
                                           "swap-across-seam", "modify-first-of-range"));

TEST(SigningKey, RefusesAKeyFileOthersCanRead) {
  const auto path =
      std::filesystem::temp_directory_path() / ("etg-key-" + std::to_string(::getpid()));
  std::filesystem::remove(path);
  ASSERT_TRUE(SigningKey::generate(path));
  struct stat info{};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777U, 0600U);
  ASSERT_TRUE(SigningKey::load(path));
  ::chmod(path.c_str(), 0644);
  EXPECT_FALSE(SigningKey::load(path));
  EXPECT_FALSE(SigningKey::generate(path));  // never overwrites
  std::filesystem::remove(path);
}

TEST(SigningKey, SignaturesVerifyOnlyForTheirMessageAndKey) {
  const auto path =
      std::filesystem::temp_directory_path() / ("etg-key2-" + std::to_string(::getpid()));
  std::filesystem::remove(path);
  const auto key = SigningKey::generate(path).value();
  const std::string signature = key.sign("message").value();
  EXPECT_TRUE(verify_signature(key.public_key_hex(), "message", signature));
  EXPECT_FALSE(verify_signature(key.public_key_hex(), "messagE", signature));
  // Its first byte changed (a fresh key's signature starts with 00 once in 256).
  const std::string altered = (signature.starts_with("00") ? "01" : "00") + signature.substr(2);
  EXPECT_FALSE(verify_signature(key.public_key_hex(), "message", altered));
  EXPECT_FALSE(verify_signature("zz", "message", signature));
  std::filesystem::remove(path);
}

TEST_F(LedgerTest, AnExportVerifiesOnItsOwnAndShowsTampering) {
  command(10);
  const auto file = dir_ / "ledger.jsonl";
  {
    std::ofstream out(file);
    ASSERT_TRUE(export_ledger(*db_, key_->public_key_hex(), out));
  }
  auto report = verify_export(file, key_->public_key_hex());
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->ok()) << report->problem;
  EXPECT_EQ(report->entries, 10);
  // Another key (the examiner's copy differs): the signatures do not verify.
  auto other = SigningKey::generate(dir_ / "other.pem").value();
  EXPECT_FALSE(verify_export(file, other.public_key_hex())->ok());
  // An edited entry is found, whichever key is used.
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  std::string edited = text.str();
  const std::size_t at = edited.find("cloud/svc-3");
  ASSERT_NE(at, std::string::npos);
  edited.replace(at, 11, "cloud/svc-X");
  std::ofstream(file) << edited;
  auto tampered = verify_export(file, "");
  ASSERT_TRUE(tampered);
  EXPECT_EQ(tampered->first_bad, 3);
}

// Issue 15.4: a forged line numbered below 1 in an export does not verify,
// and a sequence number that is not a whole number is refused at its line.
TEST_F(LedgerTest, AnExportedEntryNumberedBelowOneOrNotAWholeNumberIsCaught) {
  command(3);
  const auto file = dir_ / "ledger.jsonl";
  {
    std::ofstream out(file);
    ASSERT_TRUE(export_ledger(*db_, key_->public_key_hex(), out));
  }
  std::ifstream in(file);
  std::string header;
  std::string first;
  std::getline(in, header);
  std::getline(in, first);
  std::stringstream rest;
  rest << in.rdbuf();
  std::string forged = first;
  forged.replace(forged.find("\"seq\":1"), 7, "\"seq\":-1");
  std::ofstream(file) << header << "\n" << forged << "\n" << first << "\n" << rest.str();
  auto report = verify_export(file, key_->public_key_hex());
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_FALSE(report->ok());
  EXPECT_EQ(report->first_bad, -1);
  std::string huge = first;
  huge.replace(huge.find("\"seq\":1"), 7, "\"seq\":1e30");
  std::ofstream(file) << header << "\n" << first << "\n" << rest.str() << huge << "\n";
  auto refused = verify_export(file, key_->public_key_hex());
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("ledger.jsonl:"), std::string::npos);
  EXPECT_NE(refused.error().message.find("whole number"), std::string::npos)
      << refused.error().message;
}

TEST_F(LedgerTest, AMalformedExportNamesTheLine) {
  command(2);
  const auto file = dir_ / "ledger.jsonl";
  {
    std::ofstream out(file);
    ASSERT_TRUE(export_ledger(*db_, key_->public_key_hex(), out));
    out << "{\"kind\":\"entry\",\"seq\":\"three\"}\n";
  }
  auto report = verify_export(file, "");
  ASSERT_FALSE(report);
  EXPECT_NE(report.error().message.find(
                file.string() + ":" + "5:"),  // header, 2 entries, 1 checkpoint, then the bad line
            std::string::npos)
      << report.error().message;
}

}  // namespace
}  // namespace etguard::ledger
