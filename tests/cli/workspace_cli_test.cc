// End-to-end tests of the workspace commands: init, import, scope, ledger.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace {

struct ShellOutcome {
  int exit_code = -1;
  std::string out;
};

// Runs a shell command line (stderr joined to stdout) and returns its outcome.
ShellOutcome shell(const std::string& command) {
  ShellOutcome outcome;
  std::FILE* pipe = ::popen((command + " 2>&1 </dev/null").c_str(), "r");
  char buffer[65536];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    outcome.out.append(buffer, n);
  }
  const int status = ::pclose(pipe);
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return outcome;
}

class WorkspaceCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("etg-wscli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    ASSERT_EQ(etguard("init " + (dir_ / "ws").string()).exit_code, 0);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  ShellOutcome etguard(const std::string& arguments) {
    return shell("env LANG=C.UTF-8 ETGUARD_ACTOR=tester " + std::string(ETG_BINARY_DIR) +
                 "/bin/etguard " + "--workspace " + (dir_ / "ws").string() + " " + arguments);
  }
  std::string sql(const std::string& statement) {
    return shell("sqlite3 " + (dir_ / "ws/.etguard/workspace.db").string() + " \"" + statement +
                 "\"")
        .out;
  }
  nlohmann::json verify() { return nlohmann::json::parse(etguard("ledger verify --json").out); }

  std::filesystem::path dir_;
  const std::string demo_ = std::string(ETG_SOURCE_DIR) + "/examples/demo-firm/registers.yaml";
};

TEST_F(WorkspaceCli, InitImportScopeAndVerify) {
  const ShellOutcome imported = etguard("registers import " + demo_ + " --json");
  ASSERT_EQ(imported.exit_code, 0) << imported.out;
  EXPECT_EQ(nlohmann::json::parse(imported.out)["added"].size(), 23U);
  const auto scope = nlohmann::json::parse(etguard("scope --json").out);
  EXPECT_EQ(scope["firm"], "興邦證券股份有限公司");
  EXPECT_GT(scope["applicable_pairs"].get<int>(), 100);
  const ShellOutcome explained = etguard("scope --explain ET-20.4");
  EXPECT_NE(explained.out.find("mobile_app/xingbang-trade → APPLIES"), std::string::npos)
      << explained.out;
  EXPECT_NE(explained.out.find("mobile_app/staff-portal → does not apply"), std::string::npos);
  EXPECT_TRUE(verify()["ok"].get<bool>());
  EXPECT_EQ(etguard("scope --explain ET-99").exit_code, 2);
}

TEST_F(WorkspaceCli, EditingFromTheCliFollowsTheRegistersRules) {
  ASSERT_EQ(etguard("registers import " + demo_).exit_code, 0);
  const ShellOutcome added = etguard(
      "registers set cloud/aws-new --name 'AWS 新系統' --fact used=true --fact in_scope=true "
      "--fact material=true --detail provider=AWS --date contract_start=2026-01-01");
  ASSERT_EQ(added.exit_code, 0) << added.out;
  EXPECT_NE(added.out.find("1 added"), std::string::npos);
  EXPECT_NE(etguard("scope --explain ET-4.1.3").out.find("cloud/aws-new → APPLIES"),
            std::string::npos);
  const ShellOutcome unknown = etguard("registers set cloud/aws-new --fact sparkly=true");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.out.find("'sparkly' is not a fact of cloud"), std::string::npos) << unknown.out;
  EXPECT_EQ(etguard("registers set cloud/other --owner x").exit_code,
            2);  // a new entry needs a name
  EXPECT_EQ(etguard("registers remove cloud/aws-new").exit_code, 0);
  EXPECT_EQ(etguard("registers remove cloud/aws-new").exit_code, 2);
  EXPECT_EQ(etguard("profile set --fact org.foreign_subsidiary=true").exit_code, 0);
  EXPECT_NE(
      etguard("--lang en scope --explain ET-3.3").out.find("org.foreign_subsidiary=true (profile)"),
      std::string::npos);
  EXPECT_TRUE(verify()["ok"].get<bool>());
}

TEST_F(WorkspaceCli, ABadImportChangesNothingAndNamesTheLine) {
  ASSERT_EQ(etguard("registers import " + demo_).exit_code, 0);
  const std::string entries_before = sql("SELECT count(*) FROM ledger");
  std::string text;
  {
    std::ifstream in(demo_);
    std::stringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  }
  text.replace(text.find("name: 員工入口 App"), std::string("name: 員工入口 App").size(),
               "name: 員工入口 App 2");
  text.replace(text.find("customer_facing: false"), 22, "customer_facing: maybe");
  const auto bad = dir_ / "bad.yaml";
  std::ofstream(bad) << text;
  const ShellOutcome outcome = etguard("registers import " + bad.string());
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.out.find("bad.yaml:"), std::string::npos) << outcome.out;
  EXPECT_NE(outcome.out.find("must be true or false"), std::string::npos) << outcome.out;
  EXPECT_NE(outcome.out.find("nothing was imported"), std::string::npos);
  EXPECT_EQ(sql("SELECT count(*) FROM ledger"), entries_before);
  EXPECT_EQ(sql("SELECT name FROM register_entries WHERE id = 'staff-portal'"), "員工入口 App\n");
}

TEST_F(WorkspaceCli, KillingAnImportMidwayLeavesAConsistentWorkspace) {
  // A register of 30,000 IoT devices: long enough to be interrupted.
  const auto big = dir_ / "big.yaml";
  {
    std::ofstream out(big);
    out << "format: etguard.registers\nformat_version: \"1.0\"\nprofile: {name: Big, sector: "
           "futures}\nregisters:\n  iot:\n";
    for (int i = 0; i < 30000; ++i) {
      out << "    - {id: dev-" << i << ", name: Device " << i << ", facts: {device: true}}\n";
    }
  }
  int interrupted = 0;
  for (const char* delay : {"0.05", "0.2", "0.5", "1.0"}) {
    const ShellOutcome killed = shell(
        "env ETGUARD_ACTOR=tester " + std::string(ETG_BINARY_DIR) + "/bin/etguard --workspace " +
        (dir_ / "ws").string() + " registers import " + big.string() +
        " >/dev/null & pid=$!; sleep " + delay + "; kill -9 $pid 2>/dev/null && echo killed; wait");
    interrupted += killed.out.find("killed") != std::string::npos ? 1 : 0;
    const std::string count = sql("SELECT count(*) FROM register_entries");
    EXPECT_TRUE(count == "0\n" || count == "30000\n") << "a partial import is visible: " << count;
    const auto report = verify();
    EXPECT_TRUE(report["ok"].get<bool>()) << report.dump();
  }
  EXPECT_GT(interrupted, 0) << "the import finished before every kill; the test proved nothing";
}

TEST_F(WorkspaceCli, TamperingIsDetectedAndLocated) {
  ASSERT_EQ(etguard("registers import " + demo_).exit_code, 0);
  sql("DROP TRIGGER ledger_append_only; UPDATE ledger SET actor = 'someone else' WHERE seq = 5;");
  const ShellOutcome outcome = etguard("ledger verify");
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_NE(outcome.out.find("first bad entry 5"), std::string::npos) << outcome.out;
}

// Issue 15.5: cutting the last command's entries with their checkpoint leaves
// a chain that verifies on its own; the head an auditor noted does not.
TEST_F(WorkspaceCli, TruncationIsCaughtByTheHeadAnAuditorNoted) {
  ASSERT_EQ(etguard("registers import " + demo_).exit_code, 0);
  const nlohmann::json before = verify();
  const std::string head = std::to_string(before["head"]["seq"].get<int>()) + ":" +
                           before["head"]["hash"].get<std::string>();
  EXPECT_EQ(etguard("ledger verify --expect-head " + head).exit_code, 0);
  EXPECT_NE(etguard("ledger verify").out.find("head " + head), std::string::npos);
  ASSERT_EQ(etguard("scope").exit_code, 0);  // one more command: entry and checkpoint
  const int cut = verify()["head"]["seq"].get<int>();
  sql("DROP TRIGGER ledger_retention; DELETE FROM ledger WHERE seq = " + std::to_string(cut) +
      "; DELETE FROM ledger_checkpoints WHERE seq = " + std::to_string(cut) + ";");
  EXPECT_TRUE(verify()["ok"].get<bool>());  // the chain alone cannot tell
  const std::string later = std::to_string(cut) + ":" + std::string(64, 'a');
  const ShellOutcome outcome = etguard("ledger verify --expect-head " + later);
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_NE(outcome.out.find("cut off"), std::string::npos) << outcome.out;
  EXPECT_EQ(etguard("ledger verify --expect-head 12").exit_code, 2);
}

// Issue 15.2: the ledger protects the live records, not only itself: a row
// edited, added or deleted in the database behind etguard's back fails verify,
// named.
TEST_F(WorkspaceCli, EditsBehindEtguardsBackFailVerification) {
  ASSERT_EQ(etguard("registers import " + demo_).exit_code, 0);
  ASSERT_EQ(etguard("result set ET-41 --status compliant --assessed 2026-10-01").exit_code, 0);
  const auto file = dir_ / "training.txt";
  std::ofstream(file) << "syllabus";
  ASSERT_EQ(etguard("evidence add ET-41 --file " + file.string()).exit_code, 0);
  ASSERT_TRUE(verify()["ok"].get<bool>());
  const std::string backup = (dir_ / "backup.db").string();
  const std::string db = (dir_ / "ws/.etguard/workspace.db").string();
  sql(".backup " + backup);
  const std::vector<std::pair<std::string, std::string>> edits = {
      {"UPDATE results SET status = 'non_compliant'", "result ET-41 org differs"},
      {"UPDATE register_entries SET owner = 'mallory' WHERE id = 'web-trading'",
       "register entry trading/web-trading differs"},
      {"UPDATE profile SET value = 'Another Firm' WHERE key = 'name'",
       "register entry profile differs"},
      {"DROP TRIGGER evidence_immutable; DELETE FROM evidence", "evidence for ET-41 org"},
      {"INSERT INTO register_entries (subject, id, name, owner, facts, details, dates) VALUES "
       "('cloud', 'ghost', 'Ghost', '', '{}', '{}', '{}')",
       "cloud/ghost is not in the ledger"},
      {"DROP TRIGGER result_history_append_only; UPDATE result_history SET state = "
       "replace(state, 'compliant', 'non_compliant')",
       "result history entry"},
      {"INSERT INTO result_history (seq, state) VALUES (999999, '{}')",
       "result history entry 999999 has no result.set ledger entry"},
  };
  for (const auto& [edit, named] : edits) {
    sql(edit);
    const ShellOutcome outcome = etguard("ledger verify");
    EXPECT_EQ(outcome.exit_code, 1) << edit;
    EXPECT_NE(outcome.out.find(named), std::string::npos) << edit << "\n" << outcome.out;
    ASSERT_EQ(shell("sqlite3 " + db + " '.restore " + backup + "'").exit_code, 0);
    ASSERT_TRUE(verify()["ok"].get<bool>()) << "restored after: " << edit;
  }
}

// Issue 14.1: every change keeps the value before it; `result history` shows
// each change field by field, who made it and when, in both languages.
TEST_F(WorkspaceCli, AResultsHistoryShowsEveryValueItHad) {
  ASSERT_EQ(etguard("registers import " + demo_).exit_code, 0);
  ASSERT_EQ(
      etguard("result set ET-41 --status compliant --owner 人資部 --assessed 2026-10-01").exit_code,
      0);
  ASSERT_EQ(etguard("result set ET-41 --note \"training records 2026\"").exit_code, 0);
  ASSERT_EQ(etguard("result set ET-41 --clear-owner").exit_code, 0);
  ASSERT_EQ(etguard("result set ET-41 --clear-owner").exit_code, 0);  // no change: not recorded
  const auto history = nlohmann::json::parse(etguard("result history ET-41 --json").out);
  EXPECT_EQ(history["schema"], "etguard.result_history");
  const auto& changes = history["changes"];
  ASSERT_EQ(changes.size(), 3U) << history.dump(1);
  EXPECT_EQ(changes[0]["status"], "compliant");
  EXPECT_EQ(changes[0]["owner"], "人資部");
  EXPECT_EQ(changes[0]["note"], "");
  EXPECT_EQ(changes[1]["owner"], "人資部");
  EXPECT_EQ(changes[1]["note"], "training records 2026");
  EXPECT_EQ(changes[2]["owner"], "");
  EXPECT_EQ(changes[2]["actor"], "tester");
  EXPECT_LT(changes[0]["ledger_seq"].get<int>(), changes[2]["ledger_seq"].get<int>());

  const ShellOutcome en = etguard("result history ET-41 --lang en");
  EXPECT_NE(en.out.find("owner: 人資部 → —"), std::string::npos) << en.out;
  EXPECT_NE(en.out.find("note: — → training records 2026"), std::string::npos) << en.out;
  const ShellOutcome zh = etguard("result history ET-41 --lang zh-TW");
  EXPECT_NE(zh.out.find("負責人: 人資部 → —"), std::string::npos) << zh.out;
  EXPECT_NE(zh.out.find("狀態: 符合"), std::string::npos) << zh.out;
  EXPECT_TRUE(verify()["ok"].get<bool>());

  const ShellOutcome unknown = etguard("result history ET-99");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.out.find("ET-99"), std::string::npos) << unknown.out;
  const auto none = nlohmann::json::parse(etguard("result history ET-4.2 --json").out);
  EXPECT_TRUE(none["changes"].empty());
}

// Issue 15.14: a damaged page fails verification with SQLite's own check.
TEST_F(WorkspaceCli, ADamagedDatabasePageFailsVerification) {
  ASSERT_EQ(etguard("registers import " + demo_).exit_code, 0);
  sql("PRAGMA wal_checkpoint(TRUNCATE);");
  const auto db = dir_ / "ws/.etguard/workspace.db";
  const auto pages = static_cast<long>(std::filesystem::file_size(db) / 4096);
  {
    std::fstream file(db, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp((pages - 2) * 4096 + 100);
    const std::string garbage(1500, '\xff');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  const ShellOutcome outcome = etguard("ledger verify");
  EXPECT_EQ(outcome.exit_code, 1) << outcome.out;
  EXPECT_NE(outcome.out.find("integrity check"), std::string::npos) << outcome.out;
}

// Issue 15.3: an emptied database file is refused, never made a new workspace.
TEST_F(WorkspaceCli, AnEmptiedDatabaseIsRefused) {
  ASSERT_EQ(etguard("registers import " + demo_).exit_code, 0);
  const auto db = dir_ / "ws/.etguard/workspace.db";
  std::filesystem::remove(db.string() + "-wal");
  std::filesystem::remove(db.string() + "-shm");
  std::filesystem::resize_file(db, 0);
  for (const char* command : {"status", "ledger verify", "scope"}) {
    const ShellOutcome outcome = etguard(command);
    EXPECT_EQ(outcome.exit_code, 2) << command;
    EXPECT_NE(outcome.out.find("not an etguard workspace database"), std::string::npos)
        << outcome.out;
  }
  EXPECT_EQ(std::filesystem::file_size(db), 0U);  // nothing was created in it
}

// Issue 15.15: an archive on a read-only medium (a read-only bind mount in a
// mount namespace of the test's own) is read, reported on and verified with
// the recorded public key; the key file need not be readable, and a change
// is refused without touching it.
TEST_F(WorkspaceCli, AReadOnlyWorkspaceIsReadAndVerified) {
  if (shell("unshare --mount true").exit_code != 0) {
    GTEST_SKIP() << "cannot create a mount namespace here (unshare --mount)";
  }
  ASSERT_EQ(etguard("registers import " + demo_).exit_code, 0);
  const auto file = dir_ / "minutes.txt";
  std::ofstream(file) << "minutes";
  ASSERT_EQ(etguard("evidence add ET-41 --file " + file.string()).exit_code, 0);
  sql("PRAGMA wal_checkpoint(TRUNCATE);");
  const auto ws = dir_ / "ws";
  std::filesystem::remove(ws / ".etguard/workspace.db-wal");
  std::filesystem::remove(ws / ".etguard/workspace.db-shm");
  std::filesystem::permissions(ws / ".etguard/keys/ledger.key", std::filesystem::perms::none);
  const std::string binary =
      std::string(ETG_BINARY_DIR) + "/bin/etguard --workspace " + ws.string() + " ";
  const ShellOutcome outcome =
      shell("unshare --mount sh -c 'mount --bind " + ws.string() + " " + ws.string() +
            " && mount -o remount,bind,ro " + ws.string() + " && export LANG=C.UTF-8 && " + binary +
            "ledger verify && " + binary + "evidence verify && " + "{ " + binary +
            "status >/dev/null; [ $? -le 1 ]; } && " + binary + "report --format html --out " +
            (dir_ / "report.html").string() + " && (" + binary +
            "result set ET-41 --status compliant; echo \"set: $?\")'");
  EXPECT_NE(outcome.out.find("ledger verifies"), std::string::npos) << outcome.out;
  EXPECT_NE(outcome.out.find("cannot be written here (Read-only file system): this command "
                             "changes it"),
            std::string::npos)
      << outcome.out;
  EXPECT_NE(outcome.out.find("set: 2"), std::string::npos) << outcome.out;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "report.html")) << outcome.out;
  EXPECT_FALSE(std::filesystem::exists(ws / ".etguard/workspace.db-wal"));
}

// Issue 15.21: on a full disk (a 4 MiB tmpfs in a mount namespace of the
// test's own, filled up) a change or an output leads with "no space left on
// device", the workspace stays as it was, and read-only commands still work.
TEST_F(WorkspaceCli, AFullDiskIsNamedFirstAndReadingStillWorks) {
  if (shell("unshare --mount true").exit_code != 0) {
    GTEST_SKIP() << "cannot create a mount namespace here (unshare --mount)";
  }
  const auto full = dir_ / "full";
  std::filesystem::create_directories(full);
  const std::string binary = "ETGUARD_ACTOR=tester " + std::string(ETG_BINARY_DIR) +
                             "/bin/etguard --workspace " + (full / "ws").string() + " ";
  const ShellOutcome outcome = shell(
      "unshare --mount sh -c 'mount -t tmpfs -o size=4m tmpfs " + full.string() +
      " && export LANG=C.UTF-8 && " + std::string(ETG_BINARY_DIR) + "/bin/etguard init " +
      (full / "ws").string() + " >/dev/null && " + binary + "registers import " + demo_ +
      " >/dev/null && dd if=/dev/zero of=" + (full / "filler").string() + " bs=64k 2>/dev/null; " +
      binary + "result set ET-41 --status compliant; echo \"set: $?\"; " + binary +
      "report --format html --out " + (full / "r.html").string() + "; echo \"report: $?\"; " +
      binary + "status >/dev/null; echo \"status: $?\"; " + binary + "ledger verify'");
  const auto said = [&](const std::string& text) {
    std::size_t count = 0;
    for (std::size_t at = outcome.out.find(text); at != std::string::npos;
         at = outcome.out.find(text, at + 1)) {
      ++count;
    }
    return count;
  };
  EXPECT_EQ(said("etguard: no space left on device ("), 2U) << outcome.out;  // set and report
  EXPECT_EQ(outcome.out.find("set: 0"), std::string::npos) << outcome.out;
  EXPECT_EQ(outcome.out.find("report: 0"), std::string::npos) << outcome.out;
  // status reads (exit 1: the demo's register dates make two items overdue).
  EXPECT_NE(outcome.out.find("status: 1"), std::string::npos) << outcome.out;
  EXPECT_NE(outcome.out.find("ledger verifies"), std::string::npos) << outcome.out;
}

// Issue 15.3: a key file replaced behind etguard's back, with the chain
// re-signed by it, no longer matches the key recorded at init.
TEST_F(WorkspaceCli, AReplacedKeyFileFailsVerification) {
  ASSERT_EQ(etguard("registers import " + demo_).exit_code, 0);
  const auto other = dir_ / "other";
  ASSERT_EQ(shell(std::string(ETG_BINARY_DIR) + "/bin/etguard init " + other.string()).exit_code,
            0);
  std::filesystem::copy_file(other / ".etguard/keys/ledger.key",
                             dir_ / "ws/.etguard/keys/ledger.key",
                             std::filesystem::copy_options::overwrite_existing);
  const ShellOutcome outcome = etguard("ledger verify");
  EXPECT_EQ(outcome.exit_code, 1) << outcome.out;
  EXPECT_NE(outcome.out.find("is not the key recorded at init"), std::string::npos) << outcome.out;
}

TEST_F(WorkspaceCli, ConcurrentWritersLoseNothing) {
  // Four scope runs and two imports at once: every one must commit, in turn.
  const std::string etguard_cmd = "env ETGUARD_ACTOR=tester " + std::string(ETG_BINARY_DIR) +
                                  "/bin/etguard --workspace " + (dir_ / "ws").string();
  const ShellOutcome outcome =
      shell("(" + etguard_cmd + " registers import " + demo_ + " >/dev/null & " + etguard_cmd +
            " scope >/dev/null & " + etguard_cmd + " scope >/dev/null & " + etguard_cmd +
            " registers import " + demo_ + " >/dev/null & " + etguard_cmd + " scope >/dev/null & " +
            etguard_cmd + " scope >/dev/null & wait) && echo done");
  EXPECT_NE(outcome.out.find("done"), std::string::npos);
  EXPECT_EQ(sql("SELECT count(*) FROM register_entries"), "22\n");
  EXPECT_EQ(sql("SELECT count(*) FROM ledger WHERE action = 'import'"), "2\n");
  const auto report = verify();
  EXPECT_TRUE(report["ok"].get<bool>()) << report.dump();
}

// Four writers each add 15 entries with `registers set` at once: every entry
// lands and the ledger records no removal (each edit is read and applied
// inside its own write transaction).
TEST_F(WorkspaceCli, ConcurrentEditsLoseNoEntry) {
  ASSERT_EQ(etguard("registers import " + demo_).exit_code, 0);
  const std::string before = sql("SELECT count(*) FROM register_entries");
  const std::string etguard_cmd = "env ETGUARD_ACTOR=tester " + std::string(ETG_BINARY_DIR) +
                                  "/bin/etguard --workspace " + (dir_ / "ws").string();
  std::string writers = "(";
  for (int writer = 0; writer < 4; ++writer) {
    writers += "(for i in $(seq 1 15); do " + etguard_cmd + " registers set cloud/w" +
               std::to_string(writer) + "-$i --name 'Writer " + std::to_string(writer) +
               "' >/dev/null || echo failed; done) & ";
  }
  const ShellOutcome outcome = shell(writers + "wait) && echo done");
  EXPECT_NE(outcome.out.find("done"), std::string::npos);
  EXPECT_EQ(outcome.out.find("failed"), std::string::npos) << outcome.out;
  EXPECT_EQ(std::stoi(sql("SELECT count(*) FROM register_entries")), std::stoi(before) + 60);
  EXPECT_EQ(sql("SELECT count(*) FROM ledger WHERE action = 'register.remove'"), "0\n");
  EXPECT_EQ(sql("SELECT count(*) FROM ledger WHERE action = 'register.add'"),
            std::to_string(std::stoi(before) + 60) + "\n");
  EXPECT_TRUE(verify()["ok"].get<bool>());
}

// Issue 15.12: evidence is hashed as it is copied (a /proc file stores what
// was hashed); links, directories and FIFOs are refused with a clear message,
// never followed silently or waited on.
TEST_F(WorkspaceCli, EvidenceFilesAreHashedAsCopiedAndOnlyRegularFilesAreTaken) {
  const auto real = dir_ / "policy.txt";
  std::ofstream(real) << "policy";
  std::filesystem::create_symlink(real, dir_ / "link.txt");
  ASSERT_EQ(::mkfifo((dir_ / "fifo").c_str(), 0600), 0);
  for (const auto& [name, said] : std::vector<std::pair<std::string, std::string>>{
           {"link.txt", "is a symbolic link (to '" + real.string() + "')"},
           {"fifo", "is a FIFO: inputs are read from regular files"},
           {".", "is a directory: inputs are read from regular files"}}) {
    const ShellOutcome refused = etguard("evidence add ET-41 --file " + (dir_ / name).string());
    EXPECT_EQ(refused.exit_code, 2) << name << "\n" << refused.out;
    EXPECT_NE(refused.out.find(said), std::string::npos) << refused.out;
  }
  const ShellOutcome proc = etguard("evidence add ET-41 --file /proc/self/status --json");
  ASSERT_EQ(proc.exit_code, 0) << proc.out;
  const auto record = nlohmann::json::parse(proc.out);
  EXPECT_GT(record["size"].get<int>(), 0) << proc.out;  // /proc reports a size of 0
  const ShellOutcome checked = etguard("evidence verify");
  EXPECT_EQ(checked.exit_code, 0) << checked.out;
  EXPECT_EQ(shell("find " + (dir_ / "ws/.etguard/evidence").string() + " -name '.incoming*'").out,
            "");
}

TEST_F(WorkspaceCli, CommandsOutsideAWorkspaceSayHowToCreateOne) {
  const ShellOutcome outcome = shell("cd " + dir_.string() + " && env -u ETGUARD_WORKSPACE " +
                                     std::string(ETG_BINARY_DIR) + "/bin/etguard scope");
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.out.find("etguard init"), std::string::npos) << outcome.out;
}

}  // namespace

namespace {

class SoaCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("etg-soa-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    ASSERT_EQ(run("init " + (dir_ / "ws").string()).exit_code, 0);
    ASSERT_EQ(run("--workspace " + (dir_ / "ws").string() + " registers import " +
                  std::string(ETG_SOURCE_DIR) + "/examples/demo-firm/registers.yaml")
                  .exit_code,
              0);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  ShellOutcome run(const std::string& arguments) {
    return shell("env LANG=C.UTF-8 " + std::string(ETG_BINARY_DIR) + "/bin/etguard " + arguments);
  }
  std::filesystem::path dir_;
};

TEST_F(SoaCli, TheStatementOfApplicabilityIsADocumentInBothLanguages) {
  const std::string ws = "--workspace " + (dir_ / "ws").string() + " ";
  const ShellOutcome html = run(ws + "--lang zh-TW soa");
  ASSERT_EQ(html.exit_code, 0);
  EXPECT_NE(html.out.find("<h1>適用性聲明</h1>"), std::string::npos);
  EXPECT_NE(html.out.find("興邦證券股份有限公司"), std::string::npos);
  EXPECT_NE(html.out.find("<td class=\"id\">ET-34.1</td>"), std::string::npos);
  EXPECT_EQ(html.out.find("<script"), std::string::npos);
  const ShellOutcome csv = run(ws + "--lang en soa --format csv");
  ASSERT_EQ(csv.exit_code, 0);
  EXPECT_NE(
      csv.out.find("Requirement,Obligation,Text,Applies,Applies to,Does not apply to,Decided by"),
      std::string::npos);
  // The decision is explained with the fact's meaning, not only its identifier.
  EXPECT_NE(csv.out.find("A system for trading over the internet: yes (trading/web-trading)"),
            std::string::npos);
  const ShellOutcome xlsx = run(ws + "soa --format xlsx");
  EXPECT_EQ(xlsx.exit_code, 2);  // xlsx needs --out
  EXPECT_EQ(run(ws + "soa --format xlsx --out " + (dir_ / "soa.xlsx").string()).exit_code, 0);
  EXPECT_GT(std::filesystem::file_size(dir_ / "soa.xlsx"), 4000U);
}

// Issue 17: the profile's sector decides which sector's directions a clause
// that names all three points the firm to (ET-6.1, ET-47.4).
TEST_F(WorkspaceCli, TheSectorDecidesWhichOutsourcingDirectionsTheFirmFollows) {
  ASSERT_EQ(etguard("registers import " + std::string(ETG_SOURCE_DIR) +
                    "/src/assess/testdata/firms/futures-broker.yaml")
                .exit_code,
            0);
  const std::string explained = etguard("scope --explain ET-6.1 --lang en").out;
  EXPECT_NE(explained.find("Follows (sector futures): Directions for Futures Commission Merchants"),
            std::string::npos)
      << explained;
  EXPECT_EQ(explained.find("Securities Firms Outsourcing"), std::string::npos) << explained;
  const auto json = nlohmann::json::parse(etguard("scope --explain ET-47.4 --json").out);
  EXPECT_EQ(json["node"]["instruments"], nlohmann::json::array({"futures-outsourcing"}));
}

// Issue 14.1: `result set` changes only what it names; clearing is explicit.
TEST_F(WorkspaceCli, ResultSetChangesOnlyTheFieldsItNames) {
  ASSERT_EQ(etguard("registers import " + demo_).exit_code, 0);
  const std::string key = "ET-8.2.3 --object cloud/trading-dr";
  ASSERT_EQ(etguard("result set " + key +
                    " --status non_compliant --owner 資訊處 --note 'two admins without MFA' "
                    "--due 2026-12-31 --assessed 2026-10-02")
                .exit_code,
            0);
  const auto row = [&] {
    return sql(
        "SELECT status, owner, note, due_date, assessed_on FROM results WHERE node_id = "
        "'ET-8.2.3' AND object = 'cloud/trading-dr'");
  };
  EXPECT_EQ(row(), "non_compliant|資訊處|two admins without MFA|2026-12-31|2026-10-02\n");
  // A new status keeps the owner, the note and the due date.
  ASSERT_EQ(etguard("result set " + key + " --status partially_compliant --assessed 2026-11-01")
                .exit_code,
            0);
  EXPECT_EQ(row(), "partially_compliant|資訊處|two admins without MFA|2026-12-31|2026-11-01\n");
  // A note alone changes the note; clearing the due date is explicit.
  ASSERT_EQ(etguard("result set " + key + " --note 'one admin left' --clear-due").exit_code, 0);
  EXPECT_EQ(row(), "partially_compliant|資訊處|one admin left||2026-11-01\n");
  // Contradictory or empty requests, and a first result without a status, change nothing.
  EXPECT_EQ(etguard("result set " + key + " --note x --clear-note").exit_code, 2);
  EXPECT_EQ(etguard("result set " + key).exit_code, 2);
  const ShellOutcome first = etguard("result set ET-41 --owner 人資處");
  EXPECT_EQ(first.exit_code, 2);
  EXPECT_NE(first.out.find("has no result yet"), std::string::npos) << first.out;
  EXPECT_EQ(row(), "partially_compliant|資訊處|one admin left||2026-11-01\n");
  EXPECT_TRUE(verify()["ok"].get<bool>());
}

// Issue 14.3: an import touches only the registers the file names; --dry-run
// says what would change; removing entries that results point at needs
// --force, and the results are kept.
TEST_F(WorkspaceCli, AnImportReplacesOnlyTheRegistersItNames) {
  ASSERT_EQ(etguard("registers import " + demo_).exit_code, 0);
  const auto count = [&](const std::string& subject) {
    return sql("SELECT count(*) FROM register_entries WHERE subject = '" + subject + "'");
  };
  const std::string clouds = count("cloud");
  ASSERT_NE(clouds, "0\n");
  ASSERT_EQ(etguard("result set ET-23 --object iot/pbx-hq --status non_compliant --note "
                    "'firmware from 2021'")
                .exit_code,
            0);
  // A file with the profile and only the IoT register: the camera alone, without the PBX.
  const std::string iot_only = (dir_ / "iot.yaml").string();
  std::ofstream(iot_only) << "format: etguard.registers\nformat_version: \"1.0\"\n"
                             "profile: {name: 範例證券, sector: securities}\n"
                             "registers:\n  iot:\n    - id: branch-cctv-hq\n      name: CCTV\n"
                             "      facts: {device: true}\n";
  const ShellOutcome dry = etguard("registers import " + iot_only + " --dry-run --lang en");
  EXPECT_EQ(dry.exit_code, 0) << dry.out;
  EXPECT_NE(dry.out.find("- iot/pbx-hq"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("iot/pbx-hq: 1 result(s), 0 evidence (needs --force"), std::string::npos)
      << dry.out;
  EXPECT_EQ(dry.out.find("cloud/"), std::string::npos) << dry.out;  // other registers untouched
  EXPECT_EQ(count("iot"), "4\n");                                   // a dry run changes nothing
  // Without --force the removal is refused and nothing changes.
  const ShellOutcome refused = etguard("registers import " + iot_only);
  EXPECT_EQ(refused.exit_code, 2) << refused.out;
  EXPECT_NE(refused.out.find("iot/pbx-hq: 1 result(s)"), std::string::npos) << refused.out;
  EXPECT_EQ(count("iot"), "4\n");
  // With --force: the PBX goes, its result stays; the cloud register is as it was.
  ASSERT_EQ(etguard("registers import " + iot_only + " --force").exit_code, 0);
  EXPECT_EQ(count("iot"), "1\n");
  EXPECT_EQ(count("cloud"), clouds);
  EXPECT_EQ(sql("SELECT status FROM results WHERE object = 'iot/pbx-hq'"), "non_compliant\n");
  // registers remove asks for --force the same way.
  ASSERT_EQ(etguard("result set ET-23 --object iot/branch-cctv-hq --status compliant").exit_code,
            0);
  EXPECT_EQ(etguard("registers remove iot/branch-cctv-hq").exit_code, 2);
  EXPECT_EQ(etguard("registers remove iot/branch-cctv-hq --force").exit_code, 0);
  // --replace replaces every register.
  ASSERT_EQ(etguard("registers import " + iot_only + " --replace --force").exit_code, 0);
  EXPECT_EQ(count("cloud"), "0\n");
  EXPECT_TRUE(verify()["ok"].get<bool>());
}

// Issue 14.5: every entry names who acted — the user's configured name and
// e-mail, --actor over it, the system account without either — never "unknown".
TEST_F(WorkspaceCli, TheActorIsTheConfiguredUserNeverUnknown) {
  const std::string bin = std::string(ETG_BINARY_DIR) + "/bin/etguard";
  const std::string ws = " --workspace " + (dir_ / "ws").string() + " ";
  // No $USER, no $ETGUARD_ACTOR; the configuration lives under this HOME.
  const std::string bare = "env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME=" + dir_.string() + " ";
  ASSERT_EQ(shell(bare + bin + ws + "registers import " + demo_).exit_code, 0);
  // The system account, whoever runs the tests.
  const std::string account = shell("id -un").out;
  ASSERT_FALSE(account.empty());
  EXPECT_EQ(sql("SELECT DISTINCT actor FROM ledger WHERE action = 'import'"), account);
  ASSERT_EQ(shell(bare + bin + " config set user.name '王小明'").exit_code, 0);
  ASSERT_EQ(shell(bare + bin + " config set user.email ming@example.com.tw").exit_code, 0);
  EXPECT_EQ(shell(bare + bin + " config get user.name").out, "王小明\n");
  EXPECT_TRUE(std::filesystem::exists(dir_ / ".config/etguard/config.yaml"));
  ASSERT_EQ(shell(bare + bin + ws + "result set ET-41 --status compliant").exit_code, 0);
  EXPECT_EQ(sql("SELECT actor FROM ledger WHERE action = 'result.set'"),
            "王小明 <ming@example.com.tw>\n");
  ASSERT_EQ(shell(bare + bin + ws + "--actor auditor result set ET-41 --note checked").exit_code,
            0);
  EXPECT_EQ(sql("SELECT actor FROM ledger WHERE action = 'result.set' ORDER BY seq DESC LIMIT 1"),
            "auditor\n");
  EXPECT_EQ(sql("SELECT count(*) FROM ledger WHERE actor = 'unknown'"), "0\n");
  EXPECT_EQ(shell(bare + bin + " config set user.nickname x").exit_code, 2);
  // A configuration that cannot be read is named, never skipped silently.
  std::ofstream(dir_ / ".config/etguard/config.yaml") << "user: [broken\n";
  const ShellOutcome broken = shell(bare + bin + ws + "result set ET-41 --note again");
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_NE(broken.out.find("config.yaml"), std::string::npos) << broken.out;
}

// Issue 14.2 and 14.4: a cycle has a deadline and a dry run; open
// non-compliances carry over; past the deadline, unassessed items are overdue
// and `status` exits 1.
TEST_F(WorkspaceCli, ACycleCarriesOpenProblemsAndItsDeadlineMakesThemDue) {
  ASSERT_EQ(etguard("registers import " + demo_).exit_code, 0);
  ASSERT_EQ(etguard("result set ET-41 --status compliant --assessed 2026-10-01").exit_code, 0);
  ASSERT_EQ(etguard("result set ET-12.1 --status non_compliant --note 'policy not reviewed' "
                    "--assessed 2026-11-01")
                .exit_code,
            0);
  const ShellOutcome dry =
      etguard("cycle start 2027 --today 2027-01-02 --due 2027-06-30 --dry-run --lang en");
  EXPECT_EQ(dry.exit_code, 0);
  EXPECT_NE(dry.out.find("1 result(s) archived and reset for re-attestation, 1 open "
                         "non-compliance(s) carried over"),
            std::string::npos)
      << dry.out;
  EXPECT_EQ(sql("SELECT count(*) FROM cycles"), "0\n");
  ASSERT_EQ(etguard("cycle start 2027 --today 2027-01-02 --due 2027-06-30").exit_code, 0);
  EXPECT_EQ(sql("SELECT status, note FROM results WHERE node_id = 'ET-12.1'"),
            "non_compliant|policy not reviewed\n");
  EXPECT_EQ(sql("SELECT due_on FROM cycles"), "2027-06-30\n");
  // Before the deadline only what the register dates make due is overdue:
  // crm-saas's due diligence (last 2025-06-10) and pbx-hq's firmware (2021).
  const ShellOutcome early = etguard("status --today 2027-03-01 --json");
  EXPECT_EQ(early.exit_code, 1);
  EXPECT_EQ(nlohmann::json::parse(early.out)["overdue"].get<int>(), 2) << early.out;
  const ShellOutcome late = etguard("status --today 2027-07-01 --json");
  EXPECT_EQ(late.exit_code, 1);
  EXPECT_GT(nlohmann::json::parse(late.out)["overdue"].get<int>(), 100);
  EXPECT_EQ(etguard("cycle start 2028 --due 2027-12-31 --today 2028-01-01").exit_code, 2);
  EXPECT_TRUE(verify()["ok"].get<bool>());
}

// Issue 14.7: a file keeps its name and media type beside the title it is given.
TEST_F(WorkspaceCli, EvidenceKeepsTheFilesNameAndMediaType) {
  ASSERT_EQ(etguard("registers import " + demo_).exit_code, 0);
  const auto file = dir_ / "Cloud Policy v3.2.PDF";
  std::ofstream(file) << "%PDF-1.7 policy";
  ASSERT_EQ(etguard("evidence add ET-4.1.1 --file '" + file.string() +
                    "' --title '雲端服務管理政策 v3.2' --from 2026-03-15 --to 2027-03-14")
                .exit_code,
            0);
  const auto listed = nlohmann::json::parse(etguard("evidence list --json").out);
  ASSERT_EQ(listed["evidence"].size(), 1U);
  EXPECT_EQ(listed["evidence"][0]["name"], "雲端服務管理政策 v3.2");
  EXPECT_EQ(listed["evidence"][0]["file_name"], "Cloud Policy v3.2.PDF");
  EXPECT_EQ(listed["evidence"][0]["media_type"], "application/pdf");
  EXPECT_TRUE(verify()["ok"].get<bool>());
}

// Issue 14.4: an open problem carries a remediation plan (action, owner, due
// date, status); a plan past its date is overdue and `status` exits 1; the
// plan carries over into the next cycle with its problem.
TEST_F(WorkspaceCli, ARemediationPlanIsDueAndCarriesOver) {
  ASSERT_EQ(etguard("registers import " + demo_).exit_code, 0);
  ASSERT_EQ(etguard("result set ET-12.1 --status non_compliant --assessed 2026-11-01").exit_code,
            0);
  // A plan is for an open problem, and needs its action and a real date.
  ASSERT_EQ(etguard("result set ET-41 --status compliant --assessed 2026-11-01").exit_code, 0);
  EXPECT_EQ(etguard("result set ET-41 --plan x --plan-due 2027-01-31").exit_code, 2);
  EXPECT_EQ(etguard("result set ET-12.1 --plan-due 2027-01-31").exit_code, 2);
  EXPECT_EQ(etguard("result set ET-12.1 --plan x --plan-due 2027-02-30").exit_code, 2);
  EXPECT_EQ(
      etguard("result set ET-12.1 --plan x --plan-due 2027-01-31 --plan-status maybe").exit_code,
      2);
  ASSERT_EQ(etguard("result set ET-12.1 --plan '每年檢視社群媒體政策' --plan-owner 公關室 "
                    "--plan-due 2027-01-31")
                .exit_code,
            0);
  EXPECT_EQ(sql("SELECT plan_action, plan_owner, plan_due, plan_status FROM results WHERE "
                "node_id = 'ET-12.1'"),
            "每年檢視社群媒體政策|公關室|2027-01-31|open\n");
  // Changing its status leaves the rest of the plan and the result alone.
  ASSERT_EQ(etguard("result set ET-12.1 --plan-status 進行中").exit_code, 0);
  EXPECT_EQ(sql("SELECT status, plan_action, plan_status FROM results WHERE node_id = 'ET-12.1'"),
            "non_compliant|每年檢視社群媒體政策|in_progress\n");
  const auto before = nlohmann::json::parse(etguard("status --today 2027-01-15 --json").out);
  EXPECT_EQ(before["open_plans"], 1);
  const ShellOutcome late = etguard("status --today 2027-02-01 --json");
  EXPECT_EQ(late.exit_code, 1);
  bool plan_overdue = false;
  const auto late_status = nlohmann::json::parse(late.out);
  for (const auto& item : late_status["items"]) {
    if (item["id"] == "ET-12.1") {
      plan_overdue = item["state"] == "overdue" && item["plan"]["due_on"] == "2027-01-31";
    }
  }
  EXPECT_TRUE(plan_overdue) << late.out;
  // The plan carries over with its problem; the archive keeps it too.
  ASSERT_EQ(etguard("cycle start 2027 --today 2027-01-02 --due 2027-06-30").exit_code, 0);
  EXPECT_EQ(sql("SELECT plan_action, plan_status FROM results WHERE node_id = 'ET-12.1'"),
            "每年檢視社群媒體政策|in_progress\n");
  EXPECT_EQ(sql("SELECT plan_action FROM result_archive WHERE node_id = 'ET-12.1'"),
            "每年檢視社群媒體政策\n");
  ASSERT_EQ(etguard("result set ET-12.1 --clear-plan").exit_code, 0);
  EXPECT_EQ(sql("SELECT plan_action FROM results WHERE node_id = 'ET-12.1'"), "\n");
  EXPECT_TRUE(verify()["ok"].get<bool>());
}

// Issue 14.2 and 14.5: a closed cycle reports as it ended, the same whatever
// changes later; its report is signed off by name with its SHA-256 in the
// ledger, and the signed report is kept.
TEST_F(WorkspaceCli, AClosedCycleReportsTheSameAndIsSignedOff) {
  ASSERT_EQ(etguard("registers import " + demo_).exit_code, 0);
  ASSERT_EQ(etguard("cycle start 2026 --today 2026-01-05 --due 2026-12-31").exit_code, 0);
  ASSERT_EQ(etguard("result set ET-41 --status compliant --assessed 2026-10-01").exit_code, 0);
  ASSERT_EQ(etguard("cycle start 2027 --today 2027-01-04 --due 2027-06-30").exit_code, 0);
  const std::string report = etguard("report --cycle 2026 --format json").out;
  const auto json = nlohmann::json::parse(report);
  EXPECT_EQ(json["as_of"], "2027-01-04");
  // Later changes to the results and registers do not touch it.
  ASSERT_EQ(etguard("result set ET-41 --status non_compliant --note changed").exit_code, 0);
  ASSERT_EQ(etguard("registers remove cloud/crm-saas --force").exit_code, 0);
  EXPECT_EQ(etguard("report --cycle 2026 --format json").out, report);
  EXPECT_EQ(etguard("report --cycle 2025").exit_code, 2);
  // Sign-off: of the cycle's report as produced now, then of a given file.
  const ShellOutcome signed_off =
      etguard("cycle sign-off 2026 --statement 'Board approval 2027-03-20' --json");
  ASSERT_EQ(signed_off.exit_code, 0) << signed_off.out;
  const auto record = nlohmann::json::parse(signed_off.out);
  const std::string html = etguard("report --cycle 2026 --format html --lang en").out;
  EXPECT_EQ(record["report"], "report-2026.en.html");
  EXPECT_EQ(sql("SELECT actor, object FROM ledger WHERE action = 'cycle.sign_off'"),
            "tester|2026\n");
  const auto stored = dir_ / "ws/.etguard/evidence" /
                      record["sha256"].get<std::string>().substr(0, 2) /
                      record["sha256"].get<std::string>();
  EXPECT_TRUE(std::filesystem::exists(stored));
  EXPECT_NE(html.find("Board approval 2027-03-20"), std::string::npos);
  // Everyone signs the same report (it leaves out the sign-offs): the same
  // person cannot sign it twice, a second person adds a signature.
  EXPECT_EQ(etguard("cycle sign-off 2026").exit_code, 2);
  const ShellOutcome second =
      shell("env LANG=C.UTF-8 ETGUARD_ACTOR=director " + std::string(ETG_BINARY_DIR) +
            "/bin/etguard --workspace " + (dir_ / "ws").string() + " cycle sign-off 2026 --json");
  ASSERT_EQ(second.exit_code, 0) << second.out;
  EXPECT_EQ(nlohmann::json::parse(second.out)["sha256"], record["sha256"]);
  const auto file = dir_ / "board-2026.html";
  std::ofstream(file) << "<html>board pack</html>";
  ASSERT_EQ(etguard("cycle sign-off 2026 --report " + file.string()).exit_code, 0);
  EXPECT_EQ(sql("SELECT count(*) FROM sign_offs"), "3\n");
  EXPECT_TRUE(verify()["ok"].get<bool>());
  // A sign-off removed behind etguard's back is named.
  ASSERT_EQ(sql("DELETE FROM sign_offs WHERE report = 'board-2026.html'"), "");
  EXPECT_FALSE(verify()["ok"].get<bool>());
}

// Issue 14 (the examiner's pack): a pack of the cycle verifies offline with
// the public key alone; a changed file, an extra file, a missing manifest and
// a wrong key are each refused with exit 2, naming what differs.
TEST_F(WorkspaceCli, TheExaminersPackVerifiesAndEveryTamperingIsNamed) {
  ASSERT_EQ(etguard("registers import " + demo_).exit_code, 0);
  ASSERT_EQ(etguard("cycle start 2026 --today 2026-01-05 --due 2026-12-31").exit_code, 0);
  const auto file = dir_ / "policy.pdf";
  std::ofstream(file) << "%PDF-1.7 policy";
  ASSERT_EQ(etguard("evidence add ET-4.1.1 --file " + file.string() +
                    " --title 'Cloud policy v3' --from 2026-03-15 --to 2027-03-14")
                .exit_code,
            0);
  ASSERT_EQ(etguard("cycle start 2027 --today 2027-01-04").exit_code, 0);
  ASSERT_EQ(etguard("cycle sign-off 2026").exit_code, 0);
  const auto pack = dir_ / "pack-2026.zip";
  const ShellOutcome written = etguard("pack --cycle 2026 --out " + pack.string() + " --json");
  ASSERT_EQ(written.exit_code, 0) << written.out;
  const auto summary = nlohmann::json::parse(written.out);
  EXPECT_EQ(summary["evidence_files"], 1);
  EXPECT_EQ(summary["signed_reports"], 1);
  const std::string key = summary["public_key"];
  EXPECT_EQ(sql("SELECT count(*) FROM ledger WHERE action = 'pack.write' AND object = '2026'"),
            "1\n");
  const ShellOutcome ok = etguard("pack verify " + pack.string() + " --public-key " + key);
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  // With sha256sum and OpenSSL alone, as docs/pack-format.md says.
  const auto unpacked = dir_ / "unpacked";
  const std::string in = "cd " + unpacked.string() + " && ";
  ASSERT_EQ(shell("mkdir -p " + unpacked.string() + " && cd " + unpacked.string() +
                  " && python3 -m zipfile -e " + pack.string() + " .")
                .exit_code,
            0);
  EXPECT_EQ(shell(in + "sha256sum --quiet -c MANIFEST.sha256").exit_code, 0);
  EXPECT_EQ(shell(in + "openssl pkeyutl -verify -pubin -inkey ledger/public-key.pem -rawin -in "
                       "MANIFEST.sha256 -sigfile MANIFEST.sha256.sig")
                .exit_code,
            0);
  EXPECT_TRUE(std::filesystem::exists(unpacked / "evidence/1-ET-4.1.1-org-Cloud policy v3.pdf"));
  // Tampered copies, rewritten entry by entry.
  const auto rewrite = [&](const std::string& name, const std::string& python) {
    const auto out = dir_ / name;
    const std::string script =
        "import zipfile,sys\n"
        "src=zipfile.ZipFile(sys.argv[1]); dst=zipfile.ZipFile(sys.argv[2],'w')\n"
        "for i in src.infolist():\n"
        "  data=src.read(i.filename)\n" +
        python + "dst.close()\n";
    std::ofstream(dir_ / "rewrite.py") << script;
    EXPECT_EQ(shell("python3 " + (dir_ / "rewrite.py").string() + " " + pack.string() + " " +
                    out.string())
                  .exit_code,
              0);
    return etguard("pack verify " + out.string() + " --public-key " + key);
  };
  const ShellOutcome changed =
      rewrite("changed.zip",
              "  if i.filename.startswith('evidence/1-'): data=data+b' amended'\n"
              "  dst.writestr(i.filename, data)\n");
  EXPECT_EQ(changed.exit_code, 2);
  EXPECT_NE(changed.out.find("'evidence/1-ET-4.1.1-org-Cloud policy v3.pdf' differs"),
            std::string::npos)
      << changed.out;
  const ShellOutcome extra = rewrite("extra.zip",
                                     "  dst.writestr(i.filename, data)\n"
                                     "dst.writestr('reports/extra.html', b'x')\n");
  EXPECT_EQ(extra.exit_code, 2);
  EXPECT_NE(extra.out.find("'reports/extra.html' is in the archive but not in the manifest"),
            std::string::npos);
  const ShellOutcome stripped = rewrite(
      "stripped.zip", "  if i.filename != 'MANIFEST.sha256': dst.writestr(i.filename, data)\n");
  EXPECT_EQ(stripped.exit_code, 2);
  EXPECT_NE(stripped.out.find("MANIFEST.sha256 is missing"), std::string::npos);
  const std::string wrong_key = std::string(key.rbegin(), key.rend());
  const ShellOutcome wrong = etguard("pack verify " + pack.string() + " --public-key " + wrong_key);
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_EQ(etguard("pack verify " + pack.string() + " --public-key nonsense").exit_code, 2);
  EXPECT_TRUE(verify()["ok"].get<bool>());
}

// Issue 14.7: one file covers several objects; evidence is superseded or
// withdrawn with a reason — the record and its file stay, the ledger keeps
// both, and a closed cycle still shows it as it stood.
TEST_F(WorkspaceCli, EvidenceCoversSeveralObjectsAndIsWithdrawnOrSuperseded) {
  ASSERT_EQ(etguard("registers import " + demo_).exit_code, 0);
  ASSERT_EQ(etguard("cycle start 2026 --today 2026-01-05").exit_code, 0);
  const auto v3 = dir_ / "policy-v3.pdf";
  std::ofstream(v3) << "%PDF-1.7 policy v3";
  const ShellOutcome added =
      etguard("evidence add ET-5.1 --object cloud/crm-saas --object cloud/trading-dr --file " +
              v3.string() + " --title 'Due diligence 2026' --json");
  ASSERT_EQ(added.exit_code, 0) << added.out;
  const auto records = nlohmann::json::parse(added.out)["records"];
  ASSERT_EQ(records.size(), 2U);
  EXPECT_EQ(records[1]["object"], "cloud/trading-dr");
  EXPECT_EQ(sql("SELECT count(DISTINCT sha256), count(*) FROM evidence"), "1|2\n");
  // Every object must be one the requirement applies to, or nothing is added.
  EXPECT_EQ(
      etguard("evidence add ET-5.1 --object cloud/crm-saas --object org --file " + v3.string())
          .exit_code,
      2);
  EXPECT_EQ(sql("SELECT count(*) FROM evidence"), "2\n");
  ASSERT_EQ(etguard("cycle start 2027 --today 2027-01-04").exit_code, 0);
  // Superseded by a new version, with the reason.
  const auto v4 = dir_ / "policy-v4.pdf";
  std::ofstream(v4) << "%PDF-1.7 policy v4";
  EXPECT_EQ(etguard("evidence add ET-5.1 --object cloud/crm-saas --file " + v4.string() +
                    " --supersedes 1")
                .exit_code,
            2);  // no reason
  ASSERT_EQ(etguard("evidence add ET-5.1 --object cloud/crm-saas --file " + v4.string() +
                    " --supersedes 1 --reason '2027 review'")
                .exit_code,
            0);
  ASSERT_EQ(etguard("evidence withdraw 2 --reason 'wrong service'").exit_code, 0);
  EXPECT_EQ(etguard("evidence withdraw 2 --reason again").exit_code, 2);
  EXPECT_EQ(etguard("evidence withdraw 99 --reason x").exit_code, 2);
  const auto listed = nlohmann::json::parse(etguard("evidence list --json").out)["evidence"];
  ASSERT_EQ(listed.size(), 3U);
  EXPECT_EQ(listed[0]["superseded_by"], 3);
  EXPECT_EQ(listed[0]["withdrawn_reason"], "2027 review");
  EXPECT_EQ(listed[1]["withdrawn_reason"], "wrong service");
  EXPECT_EQ(listed[1]["superseded_by"], 0);
  EXPECT_EQ(sql("SELECT action FROM ledger WHERE action LIKE 'evidence.%' ORDER BY seq"),
            "evidence.add\nevidence.add\nevidence.add\nevidence.supersede\nevidence.withdraw\n");
  // The report marks them (AppTest: a closed cycle shows them as they stood).
  const std::string now = etguard("report --format html --lang en").out;
  EXPECT_NE(now.find("superseded by #3: 2027 review"), std::string::npos);
  EXPECT_NE(now.find("withdrawn: wrong service"), std::string::npos);
  EXPECT_TRUE(verify()["ok"].get<bool>());
  ASSERT_EQ(sql("DELETE FROM evidence_withdrawals WHERE evidence_id = 2"), "");
  EXPECT_FALSE(verify()["ok"].get<bool>());
}

}  // namespace

namespace {

// As a person would: back up, restore with the key they hold, work on in
// the restored copy; the same backup again, or with another key, is
// refused with exit 2 in both languages.
TEST_F(WorkspaceCli, ABackupRestoresIntoANewWorkspaceThatVerifies) {
  ASSERT_EQ(etguard("registers import " + demo_).exit_code, 0);
  const auto backup = dir_ / "ws-backup.zip";
  const ShellOutcome written = etguard("backup --out " + backup.string() + " --json");
  ASSERT_EQ(written.exit_code, 0) << written.out;
  const auto summary = nlohmann::json::parse(written.out);
  EXPECT_EQ(summary["format"], "etguard.backup.write");
  EXPECT_EQ(sql("SELECT count(*) FROM ledger WHERE action = 'backup.write'"), "1\n");
  const std::string key = summary["public_key"];
  const auto restored = dir_ / "restored";
  const std::string binary = std::string(ETG_BINARY_DIR) + "/bin/etguard";
  const ShellOutcome ok = shell(binary + " restore " + backup.string() + " --to " +
                                restored.string() + " --public-key " + key);
  ASSERT_EQ(ok.exit_code, 0) << ok.out;
  EXPECT_NE(ok.out.find("restored into"), std::string::npos) << ok.out;
  const ShellOutcome listed =
      shell(binary + " --workspace " + restored.string() + " registers list --json");
  EXPECT_EQ(listed.exit_code, 0) << listed.out;
  EXPECT_EQ(shell(binary + " --workspace " + restored.string() + " ledger verify").exit_code, 0);
  const ShellOutcome again = shell(binary + " --lang zh-TW restore " + backup.string() + " --to " +
                                   restored.string() + " 2>&1");
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.out.find("已存在"), std::string::npos) << again.out;
  const ShellOutcome forged =
      shell(binary + " restore " + backup.string() + " --to " + (dir_ / "other").string() +
            " --public-key " + std::string(64, 'a') + " 2>&1");
  EXPECT_EQ(forged.exit_code, 2);
  EXPECT_NE(forged.out.find("does not verify with the key given"), std::string::npos) << forged.out;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "other"));
}

}  // namespace
