#include "workspace/workspace.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <span>

#include "assess/registers_yaml.h"
#include "catalog/data/embedded.h"
#include "core/atomic_file.h"
#include "core/digest.h"
#include "store/sqlite.h"

namespace etguard::workspace {
namespace {

// A second connection to the workspace's database, as someone with the file
// would have: for checking what the database itself refuses.
store::Database raw_database(const Workspace& workspace) {
  return store::Database::open(workspace.paths().database(), false).value();
}

class WorkspaceServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("etg-service-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static assess::Registers firm() {
    return assess::read_registers_yaml(
               std::filesystem::path(ETG_SOURCE_DIR) / "src/assess/testdata/firm.yaml",
               catalog::embedded_catalog())
        .registers;
  }

  std::int64_t ledger_entries(Workspace& workspace) {
    const auto lines = workspace.ledger_lines(1).value();
    return lines.empty() ? 0 : lines.back().seq;
  }

  std::filesystem::path dir_;
};

TEST_F(WorkspaceServiceTest, InitRecordsTheKeyInTheFirstLedgerEntry) {
  Workspace workspace = Workspace::create(dir_, "officer").value();
  EXPECT_EQ(ledger_entries(workspace), 1);
  EXPECT_TRUE(workspace.verify_ledger().value().ok());
  EXPECT_FALSE(Workspace::create(dir_, "officer"));  // not twice
}

TEST_F(WorkspaceServiceTest, ImportStoresEverythingAndLogsEachObject) {
  Workspace workspace = Workspace::create(dir_, "officer").value();
  const ImportSummary first = workspace.import_registers(firm(), "officer", "firm.yaml").value();
  EXPECT_EQ(first.added.size(), 9U);    // the profile and 8 entries
  EXPECT_EQ(first.ledger_entries, 10);  // one per object, one for the import
  const assess::Registers stored = workspace.load_registers().value();
  EXPECT_EQ(canonical(stored.profile), canonical(firm().profile));
  ASSERT_EQ(stored.entries.size(), 8U);
  EXPECT_EQ(canonical(stored.entries[2]), canonical(firm().entries[2]));
  EXPECT_TRUE(workspace.verify_ledger().value().ok());
}

TEST_F(WorkspaceServiceTest, OneRegistersEntriesAreReadInIdOrderAndNoOthers) {
  Workspace workspace = Workspace::create(dir_, "officer").value();
  ASSERT_TRUE(workspace.import_registers(firm(), "officer", "firm.yaml"));
  const assess::Registers stored = workspace.load_registers().value();
  for (const std::string subject : {"ai", "cloud", "no-such-register"}) {
    std::vector<std::string> expected;
    for (const assess::RegisterEntry& entry : stored.entries) {
      if (entry.subject == subject) {
        expected.push_back(canonical(entry));
      }
    }
    std::vector<std::string> visited;
    ASSERT_TRUE(workspace.for_each_register_entry(
        subject, [&](assess::RegisterEntry&& entry) { visited.push_back(canonical(entry)); }));
    EXPECT_EQ(visited, expected) << subject;
    EXPECT_EQ(visited.empty(), subject == std::string("no-such-register")) << subject;
  }
}

TEST_F(WorkspaceServiceTest, ReimportingRecordsOnlyWhatChanged) {
  Workspace workspace = Workspace::create(dir_, "officer").value();
  ASSERT_TRUE(workspace.import_registers(firm(), "officer", "firm.yaml"));
  assess::Registers next = firm();
  next.entries.erase(next.entries.begin());       // remove ai/ocr-internal
  next.entries.back().facts["password"] = false;  // change trading/web
  const ImportSummary summary = workspace.import_registers(next, "auditor", "firm-v2.yaml").value();
  EXPECT_TRUE(summary.added.empty());
  EXPECT_EQ(summary.changed, std::vector<std::string>{"trading/web"});
  EXPECT_EQ(summary.removed, std::vector<std::string>{"ai/ocr-internal"});
  EXPECT_EQ(summary.ledger_entries, 3);
  EXPECT_EQ(workspace.load_registers().value().entries.size(), 7U);
  const auto report = workspace.verify_ledger().value();
  EXPECT_TRUE(report.ok()) << report.problem;
}

TEST_F(WorkspaceServiceTest, ScopeRecordsReportWhatCameInAndWentOut) {
  Workspace workspace = Workspace::create(dir_, "officer").value();
  const ScopeChange first =
      workspace.record_scope({"ET-41 org", "ET-6.3 cloud/a"}, "officer").value();
  EXPECT_TRUE(first.first);
  const ScopeChange same =
      workspace.record_scope({"ET-41 org", "ET-6.3 cloud/a"}, "officer").value();
  EXPECT_FALSE(same.first);
  EXPECT_TRUE(same.came_in.empty() && same.went_out.empty());
  const ScopeChange next =
      workspace.record_scope({"ET-41 org", "ET-20.4 mobile_app/x"}, "officer").value();
  EXPECT_EQ(next.came_in, std::vector<std::string>{"ET-20.4 mobile_app/x"});
  EXPECT_EQ(next.went_out, std::vector<std::string>{"ET-6.3 cloud/a"});
  EXPECT_EQ(ledger_entries(workspace), 3);  // init + two recorded scopes
}

// Settings: each change in the ledger, nothing recorded when nothing
// changes, an edit behind etguard's back named by the verification.
TEST_F(WorkspaceServiceTest, SettingsAreLedgeredAndVerified) {
  Workspace workspace = Workspace::create(dir_, "officer").value();
  const std::int64_t start = ledger_entries(workspace);
  ASSERT_TRUE(workspace.set_setting("mail.host", "smtp.firm.example", "officer"));
  ASSERT_TRUE(workspace.set_setting("mail.host", "smtp.firm.example", "officer"));  // same
  ASSERT_TRUE(workspace.set_setting("mail.port", "587", "officer"));
  ASSERT_TRUE(workspace.set_setting("mail.port", "", "officer"));  // removed
  EXPECT_EQ(ledger_entries(workspace), start + 3);
  const auto listed = workspace.settings();
  ASSERT_TRUE(listed) << listed.error().message;
  EXPECT_EQ(*listed, (std::map<std::string, std::string>{{"mail.host", "smtp.firm.example"}}));
  EXPECT_FALSE(workspace.set_setting("mail.from", "a@b\r\nBcc: x@y", "officer"));
  const auto verified = workspace.verify_state();
  ASSERT_TRUE(verified) << verified.error().message;
  EXPECT_TRUE(verified->empty());
  ASSERT_TRUE(raw_database(workspace).exec(
      "UPDATE settings SET value = 'evil.example' WHERE key = 'mail.host'"));
  const auto problems = workspace.verify_state().value();
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_NE(problems[0].find("setting mail.host"), std::string::npos);
}

TEST_F(WorkspaceServiceTest, ReopensWithTheSameKeyAndState) {
  {
    Workspace workspace = Workspace::create(dir_, "officer").value();
    ASSERT_TRUE(workspace.import_registers(firm(), "officer", "firm.yaml"));
  }
  Workspace reopened = Workspace::open(store::find_workspace(dir_, "/").value()).value();
  EXPECT_EQ(reopened.load_registers().value().entries.size(), 8U);
  EXPECT_TRUE(reopened.verify_ledger().value().ok());
}

}  // namespace
}  // namespace etguard::workspace

namespace etguard::workspace {
namespace {

class EvidenceTest : public WorkspaceServiceTest {};

TEST_F(EvidenceTest, CommentsAreKeptAsWrittenAndTheLedgerAnswersForEach) {
  Workspace workspace = Workspace::create(dir_, "officer").value();
  ASSERT_TRUE(workspace.import_registers(firm(), "officer", "firm.yaml"));
  const auto added = workspace
                         .add_comment({.id = 0,
                                       .node_id = "ET-36.7",
                                       .object = "trading/web",
                                       .body = "  vendor asked\r\nfor the log  ",
                                       .author = "mei",
                                       .written_at = {}})
                         .value();
  EXPECT_EQ(added.body, "vendor asked\nfor the log");  // trimmed, LF line ends
  const auto refuse = [&](std::string node, std::string object, std::string body) {
    return !workspace.add_comment({.id = 0,
                                   .node_id = node,
                                   .object = object,
                                   .body = body,
                                   .author = "mei",
                                   .written_at = {}});
  };
  EXPECT_TRUE(refuse("ET-36.7", "trading/web", " \n "));
  EXPECT_TRUE(refuse("ET-36.7", "trading/web", std::string(4001, 'x')));
  EXPECT_TRUE(refuse("ET-36.7", "trading/web", "evil \u202e txt"));
  EXPECT_TRUE(refuse("ET-99.9", "trading/web", "no such clause"));
  EXPECT_TRUE(refuse("ET-36.7", "trading/none", "no such entry"));
  EXPECT_FALSE(refuse("ET-36.7", "trading/web", std::string(4000, 'x')));
  const auto kept = workspace.comments("ET-36.7", "trading/web").value();
  ASSERT_EQ(kept.size(), 2U);
  EXPECT_EQ(kept[0].author, "mei");
  EXPECT_TRUE(workspace.verify_ledger().value().ok());
  store::Database raw = raw_database(workspace);
  EXPECT_FALSE(raw.exec("UPDATE comments SET body = 'softened'"));  // immutable
  EXPECT_FALSE(raw.exec("DELETE FROM comments"));                   // kept
  // One added behind etguard's back is named by the verification.
  ASSERT_TRUE(
      raw.exec("INSERT INTO comments (node_id, object, body, author, written_at) VALUES "
               "('ET-36.7', 'trading/web', 'planted', 'x', '2027-01-01T00:00:00Z')"));
  const auto problems = workspace.verify_state().value();
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_NE(problems[0].find("comment on ET-36.7 trading/web"), std::string::npos) << problems[0];
}

TEST_F(EvidenceTest, FilesAreStoredOnceByHashAndRecordsAreImmutable) {
  Workspace workspace = Workspace::create(dir_, "officer").value();
  ASSERT_TRUE(workspace.import_registers(firm(), "officer", "firm.yaml"));
  const auto file = dir_ / "daily-report.html";
  ASSERT_TRUE(write_file_atomically(file, "<p>daily login report</p>"));
  assess::Evidence evidence;
  evidence.kind = "file";
  evidence.node_id = "ET-36.7";
  evidence.object = "trading/web";
  evidence.effective_from = "2026-11-25";
  evidence.effective_to = "2026-11-25";
  const auto first = workspace.add_evidence(evidence, file, "officer").value();
  const auto second = workspace.add_evidence(evidence, file, "auditor").value();
  EXPECT_EQ(first.sha256, sha256_hex("<p>daily login report</p>"));
  EXPECT_EQ(first.sha256, second.sha256);
  EXPECT_NE(first.id, second.id);
  const auto stored = workspace.paths().evidence() / first.sha256.substr(0, 2) / first.sha256;
  EXPECT_EQ(read_file(stored).value(), "<p>daily login report</p>");
  EXPECT_EQ(std::distance(
                std::filesystem::recursive_directory_iterator(workspace.paths().evidence()), {}),
            2);
  EXPECT_FALSE(raw_database(workspace).exec("UPDATE evidence SET name = 'x'"));  // immutable
  const auto loaded = workspace.load_evidence().value();
  ASSERT_EQ(loaded.size(), 2U);
  EXPECT_EQ(loaded[1].added_by, "auditor");
  EXPECT_EQ(loaded[0].effective_from, "2026-11-25");
  EXPECT_TRUE(workspace.verify_evidence_store().value().empty());
  EXPECT_TRUE(workspace.verify_ledger().value().ok());
}

TEST_F(EvidenceTest, AChangedStoredFileIsDetected) {
  Workspace workspace = Workspace::create(dir_, "officer").value();
  const auto file = dir_ / "training.pdf";
  ASSERT_TRUE(write_file_atomically(file, "syllabus"));
  assess::Evidence evidence;
  evidence.kind = "file";
  evidence.node_id = "ET-41";
  evidence.object = "org";
  const auto added = workspace.add_evidence(evidence, file, "officer").value();
  const auto stored = workspace.paths().evidence() / added.sha256.substr(0, 2) / added.sha256;
  std::filesystem::permissions(stored, std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::add);
  ASSERT_TRUE(write_file_atomically(stored, "syllabus, edited"));
  const auto damaged = workspace.verify_evidence_store().value();
  ASSERT_EQ(damaged.size(), 1U);
  EXPECT_NE(damaged[0].find("content changed"), std::string::npos);
}

// What a killed writer left (a copy coming in, a temporary beside its final
// name) is removed; what a running writer is writing, and what is stored,
// stay.
TEST_F(EvidenceTest, WhatAKilledWriterLeftIsRemovedAndNothingElse) {
  Workspace workspace = Workspace::create(dir_, "officer").value();
  const auto file = dir_ / "policy.pdf";
  ASSERT_TRUE(write_file_atomically(file, "cloud policy"));
  assess::Evidence evidence;
  evidence.kind = "file";
  evidence.node_id = "ET-41";
  evidence.object = "org";
  const auto added = workspace.add_evidence(evidence, file, "officer").value();
  const pid_t killed = ::fork();
  ASSERT_GE(killed, 0);
  if (killed == 0) {
    ::_exit(0);
  }
  ASSERT_EQ(::waitpid(killed, nullptr, 0), killed);  // a writer that no longer runs
  const auto store = workspace.paths().evidence();
  const auto dead = std::to_string(killed);
  const auto alive = std::to_string(::getpid());
  const auto sha = added.sha256;
  const std::vector<std::filesystem::path> left = {
      store / (".incoming." + dead + ".0badf00d"),
      store / sha.substr(0, 2) / (std::string(64, 'e') + "." + dead + ".00c0ffee.tmp")};
  const std::vector<std::filesystem::path> kept = {
      store / (".incoming." + alive + ".0badf00d"),
      store / sha.substr(0, 2) / (std::string(64, 'e') + "." + alive + ".00c0ffee.tmp"),
      store / "notes.tmp", store / sha.substr(0, 2) / sha};
  for (const auto& path : left) {
    ASSERT_TRUE(write_file_atomically(path, "half of a fi"));
  }
  for (const auto& path : std::span(kept).first(3)) {
    ASSERT_TRUE(write_file_atomically(path, "being written"));
  }
  EXPECT_EQ(workspace.remove_interrupted_evidence().value(), 2);
  for (const auto& path : left) {
    EXPECT_FALSE(std::filesystem::exists(path)) << path;
  }
  for (const auto& path : kept) {
    EXPECT_TRUE(std::filesystem::exists(path)) << path;
  }
  EXPECT_EQ(read_file(kept.back()).value(), "cloud policy");
  EXPECT_EQ(workspace.remove_interrupted_evidence().value(), 0);
  EXPECT_EQ(workspace.load_evidence().value().size(), 1U);
}

TEST_F(EvidenceTest, EvidenceMustBeForARequirementThatApplies) {
  Workspace workspace = Workspace::create(dir_, "officer").value();
  ASSERT_TRUE(workspace.import_registers(firm(), "officer", "firm.yaml"));
  assess::Evidence evidence;
  evidence.kind = "link";
  evidence.name = "policy";
  evidence.uri = "dms://policies/cloud";
  evidence.node_id = "ET-6.3";
  evidence.object = "cloud/hr-saas";  // not material: ET-6.3 does not apply
  const auto refused = workspace.add_evidence(evidence, {}, "officer");
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("does not apply"), std::string::npos);
  evidence.object = "cloud/core-dr";
  EXPECT_TRUE(workspace.add_evidence(evidence, {}, "officer"));
}

TEST_F(WorkspaceServiceTest, ANewCycleArchivesAndResetsResultsButKeepsEvidence) {
  Workspace workspace = Workspace::create(dir_, "officer").value();
  ASSERT_TRUE(workspace.import_registers(firm(), "officer", "firm.yaml"));
  ASSERT_TRUE(workspace.set_result({"ET-41", "org", assess::ResultStatus::kCompliant, "hr",
                                    "training plan", "", "", "2026-10-01"},
                                   "officer"));
  assess::Evidence link;
  link.kind = "link";
  link.name = "policy";
  link.uri = "https://intranet/policy";
  link.node_id = "ET-41";
  link.object = "org";
  ASSERT_TRUE(workspace.add_evidence(link, {}, "officer"));

  // Issue 14.2: an open non-compliance carries over as it stands.
  ASSERT_TRUE(workspace.set_result({"ET-12.1", "org", assess::ResultStatus::kNonCompliant, "pr",
                                    "policy not yet reviewed", "", "2027-03-31", "2026-11-01"},
                                   "officer"));
  const Workspace::CyclePlan dry =
      workspace.start_cycle("2027", "2027-01-02", "2027-06-30", true, "officer").value();
  EXPECT_EQ(dry.reset, 1);
  EXPECT_EQ(dry.carried_over, 1);
  EXPECT_TRUE(workspace.cycles().value().empty());  // a dry run changes nothing
  const Workspace::CyclePlan plan =
      workspace.start_cycle("2027", "2027-01-02", "2027-06-30", false, "officer").value();
  EXPECT_EQ(plan.reset, 1);
  EXPECT_EQ(plan.carried_over, 1);
  EXPECT_EQ(workspace.current_cycle().value()->due_on, "2027-06-30");
  auto results = workspace.load_results().value();
  ASSERT_EQ(results.size(), 2U);
  EXPECT_EQ(results[1].node_id, "ET-41");
  EXPECT_EQ(results[0].status, assess::ResultStatus::kNonCompliant);  // ET-12.1 carried over
  EXPECT_EQ(results[0].due_date, "2027-03-31");
  results.erase(results.begin());
  EXPECT_EQ(results[0].status, assess::ResultStatus::kNotAssessed);
  EXPECT_EQ(results[0].assessed_on, "");
  EXPECT_EQ(results[0].owner, "hr");  // kept to help re-attestation
  EXPECT_EQ(results[0].note, "training plan");
  EXPECT_EQ(workspace.load_evidence().value().size(), 1U);  // links carry over
  store::Database raw = raw_database(workspace);
  auto archived = raw.prepare("SELECT status, assessed_on FROM result_archive").value();
  ASSERT_TRUE(archived.step().value());
  EXPECT_EQ(archived.text(0), "compliant");
  EXPECT_EQ(archived.text(1), "2026-10-01");
  EXPECT_FALSE(raw.exec("UPDATE result_archive SET status = 'non_compliant'"));  // immutable
  auto again = workspace.start_cycle("2027", "2027-01-03", "", false, "officer");
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("exists already"), std::string::npos);
  EXPECT_TRUE(workspace.verify_ledger().value().ok());
}

}  // namespace
}  // namespace etguard::workspace
