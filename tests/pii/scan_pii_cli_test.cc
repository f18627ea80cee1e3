// etguard scan pii as a user runs it: directories with relative names, exit
// codes, the masked copy, gzip, rules files and their errors, --import.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "../cli/run_etguard.h"

namespace etguard {
namespace {

namespace fs = std::filesystem;
using testing::run_etguard;
using testing::slurp;

class ScanPiiCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("etg-pii-cli-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "corpus" / "sub");
    write("corpus/app.log",
          "{\"id_no\":\"A123456789\",\"mobile\":\"0912-345-678\"}\n"
          "{\"event\":\"health\"}\n"
          "{\"acct\":\"1234567\",\"qty\":7654321}\n");
    write("corpus/sub/sms.log", "SMS to=０９１２３４５６７８ body=\"客戶AC01234567您好\"\n");
    write("corpus/clean.log", "nothing to see here 12345\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
};

std::vector<nlohmann::json> lines(const std::string& out) {
  std::vector<nlohmann::json> records;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    records.push_back(nlohmann::json::parse(line));
  }
  return records;
}

TEST_F(ScanPiiCli, ReportsFilesRelativeToTheDirectoryWithByteOffsetsAndLines) {
  const auto run = run_etguard("scan pii " + path("corpus") + " --format jsonl");
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const auto records = lines(run.out);
  ASSERT_EQ(records.size(), 5U) << run.out;
  EXPECT_EQ(records[0]["file"], "app.log");
  EXPECT_EQ(records[0]["type"], "TW_NATIONAL_ID");
  EXPECT_EQ(records[0]["offset"], 10);
  EXPECT_EQ(records[0]["length"], 10);
  EXPECT_EQ(records[0]["line"], 1);
  EXPECT_EQ(records[0]["masked"], "A12*****89");
  EXPECT_EQ(records[2]["type"], "TW_SEC_ACCOUNT");
  EXPECT_EQ(records[2]["line"], 3);
  EXPECT_EQ(records[3]["file"], "sub/sms.log");
  EXPECT_EQ(records[3]["type"], "TW_MOBILE");
  EXPECT_EQ(records[4]["type"], "TW_ARC");
  // The raw values never reach the output.
  EXPECT_EQ(run.out.find("A123456789"), std::string::npos);
}

TEST_F(ScanPiiCli, ExitZeroWhenCleanAndFiltersByGlob) {
  const auto clean = run_etguard("scan pii " + path("corpus") + " --include 'clean*'");
  EXPECT_EQ(clean.exit_code, 0) << clean.err;
  const auto excluded =
      run_etguard("scan pii " + path("corpus") + " --exclude '*.log' --format jsonl");
  EXPECT_EQ(excluded.exit_code, 0) << excluded.err;
  EXPECT_TRUE(excluded.out.empty());
}

TEST_F(ScanPiiCli, SummaryByTypeAndFile) {
  const auto run = run_etguard("scan pii " + path("corpus") + " --format jsonl --summary " +
                               path("summary.json"));
  EXPECT_EQ(run.exit_code, 1);
  const auto summary = nlohmann::json::parse(slurp(dir_ / "summary.json"));
  EXPECT_EQ(summary["format"], "etguard.pii");
  EXPECT_EQ(summary["files"], 3);
  EXPECT_EQ(summary["findings"], 5);
  EXPECT_EQ(summary["by_type"]["TW_MOBILE"], 2);
  EXPECT_EQ(summary["by_file"]["sub/sms.log"]["TW_ARC"], 1);
  const auto table = run_etguard("--lang zh-TW scan pii " + path("corpus"));
  EXPECT_NE(table.out.find("身分證字號"), std::string::npos) << table.out;
}

TEST_F(ScanPiiCli, MasksADirectoryIntoAnotherLeavingOriginalsAlone) {
  const std::string before = slurp(dir_ / "corpus" / "app.log");
  const auto run = run_etguard("scan pii " + path("corpus") + " --mask " + path("masked"));
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(slurp(dir_ / "corpus" / "app.log"), before);
  const std::string masked = slurp(dir_ / "masked" / "app.log");
  EXPECT_EQ(masked.size(), before.size());
  EXPECT_NE(masked.find("A12*****89"), std::string::npos) << masked;
  EXPECT_TRUE(fs::exists(dir_ / "masked" / "sub" / "sms.log"));
  const auto rescan = run_etguard("scan pii " + path("masked"));
  EXPECT_EQ(rescan.exit_code, 0) << rescan.out;
}

TEST_F(ScanPiiCli, RefusesToOverwriteTheInput) {
  const auto run =
      run_etguard("scan pii " + path("corpus/app.log") + " --mask " + path("corpus/app.log"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("never modified"), std::string::npos) << run.err;
}

TEST_F(ScanPiiCli, PseudonymsNeedAKeyAndAreStable) {
  const auto no_key = run_etguard("scan pii " + path("corpus/app.log") + " --mask " +
                                  path("p.log") + " --mask-mode pseudonym");
  EXPECT_EQ(no_key.exit_code, 2);
  write("key", "0123456789abcdef0123456789abcdef");
  for (const char* out : {"p1.log", "p2.log"}) {
    const auto run = run_etguard("scan pii " + path("corpus/app.log") + " --mask " + path(out) +
                                 " --mask-mode pseudonym --key-file " + path("key"));
    EXPECT_EQ(run.exit_code, 1) << run.err;
  }
  const std::string first = slurp(dir_ / "p1.log");
  EXPECT_EQ(first, slurp(dir_ / "p2.log"));
  EXPECT_NE(first.find("TW_NATIONAL_ID:"), std::string::npos) << first;
  EXPECT_EQ(first.find("A123456789"), std::string::npos);
}

TEST_F(ScanPiiCli, ReadsGzipAndStdin) {
  const std::string text = slurp(dir_ / "corpus" / "app.log");
  gzFile gz = gzopen(path("app.log.gz").c_str(), "wb");
  gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
  gzclose(gz);
  const auto gzip = run_etguard("scan pii " + path("app.log.gz") + " --format jsonl");
  EXPECT_EQ(gzip.exit_code, 1) << gzip.err;
  EXPECT_EQ(lines(gzip.out).size(), 3U);
  // stdin: "-" or no path at all.
  const std::string command = std::string(ETG_BINARY_DIR) +
                              "/bin/etguard scan pii --format jsonl < " + path("corpus/app.log") +
                              " > " + path("stdin.out");
  const int status = std::system(command.c_str());
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_EQ(lines(slurp(dir_ / "stdin.out")).size(), 3U);
  EXPECT_NE(slurp(dir_ / "stdin.out").find("\"file\":\"-\""), std::string::npos);
}

// Issue 15.6: a 9 MB line from stdin, from a .gz and from a file is read in
// whole chunks (once it took 1-byte reads, each searching the whole buffer:
// it never finished) and cut at 4 MiB with a located note; the column of
// each of its 9,000 findings is right, found in one sweep.
TEST_F(ScanPiiCli, AVeryLongLineIsCutWithANoteAndColumnsStayRight) {
  std::string text = "first A123456789\n";
  const std::size_t line_start = text.size();
  for (int i = 0; i < 9000; ++i) {
    text += std::string(1000, 'x') + " A123456789 ";
  }
  text += "\nlast A123456789\n";
  write("long.txt", text);
  gzFile gz = gzopen(path("long.txt.gz").c_str(), "wb");
  gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
  gzclose(gz);
  const std::string binary = "timeout 120 " + std::string(ETG_BINARY_DIR) + "/bin/etguard";
  for (const std::string& input :
       {path("long.txt"), path("long.txt.gz"), "- < " + path("long.txt")}) {
    const std::string command = binary + " scan pii --format jsonl " + input + " >" +
                                path("long.out") + " 2>" + path("note");
    EXPECT_EQ(WEXITSTATUS(std::system(command.c_str())), 1) << input;
    const auto records = lines(slurp(dir_ / "long.out"));
    ASSERT_EQ(records.size(), 9002U) << input;
    std::size_t wrong = 0;
    for (const auto& record : records) {
      if (record["line"] == 2 && record["column"].get<std::size_t>() !=
                                     record["offset"].get<std::size_t>() - line_start + 1) {
        ++wrong;
      }
    }
    EXPECT_EQ(wrong, 0U) << input;
    EXPECT_EQ(records.back()["line"], 3);
    EXPECT_NE(
        slurp(dir_ / "note").find(":2: the line is longer than 4 MiB and was scanned in pieces"),
        std::string::npos)
        << input << ": " << slurp(dir_ / "note");
  }
}

// Chunks are small (cache-sized), but a line longer than one grows its chunk
// instead of being cut: an ID written across every 64 KiB boundary of a
// 1 MB line is found each time, and no note is given.
TEST_F(ScanPiiCli, ALineLongerThanAChunkIsNotCut) {
  std::string line;
  std::size_t ids = 0;
  while (line.size() < (std::size_t{1} << 20U)) {
    const std::size_t boundary = (line.size() / 65536 + 1) * 65536;
    line += std::string(boundary - line.size() - 5, 'x') + " A123456789 ";
    ++ids;
  }
  write("wide.txt", "start\n" + line + "\nend\n");
  const std::string command = std::string(ETG_BINARY_DIR) +
                              "/bin/etguard scan pii --format jsonl " + path("wide.txt") + " >" +
                              path("wide.out") + " 2>" + path("note");
  EXPECT_EQ(WEXITSTATUS(std::system(command.c_str())), 1);
  const auto records = lines(slurp(dir_ / "wide.out"));
  ASSERT_EQ(records.size(), ids);
  for (const auto& record : records) {
    EXPECT_EQ(record["line"], 2);
    EXPECT_EQ(record["length"], 10);
  }
  EXPECT_EQ(slurp(dir_ / "note"), "");
}

// Issue 15.23: a subdirectory that cannot be listed is skipped and named; the
// rest of the tree is scanned.
TEST_F(ScanPiiCli, AnUnreadableSubdirectoryIsSkippedAndNamed) {
  fs::create_directories(dir_ / "corpus" / "locked");
  write("corpus/locked/secret.log", "A123456789\n");
  fs::permissions(dir_ / "corpus" / "locked", fs::perms::owner_all);
  fs::permissions(dir_, fs::perms::all);
  fs::permissions(dir_ / "corpus", fs::perms::all);
  fs::permissions(dir_ / "corpus" / "sub", fs::perms::all);
  for (const char* name : {"corpus/app.log", "corpus/sub/sms.log", "corpus/clean.log"}) {
    fs::permissions(dir_ / name, fs::perms::all);
  }
  // Root reads any directory: the scan then runs as nobody, for whom the
  // 0700 directory of root is unreadable.
  const bool root = ::geteuid() == 0;
  if (root && std::system("runuser -u nobody -- true") != 0) {
    GTEST_SKIP() << "running as root without runuser: cannot make a directory unreadable";
  }
  if (!root) {
    fs::permissions(dir_ / "corpus" / "locked", fs::perms::none);
  }
  const auto run = run_etguard("scan pii " + path("corpus") + " --format jsonl",
                               root ? "LANG=C.UTF-8 runuser -u nobody --" : "LANG=C.UTF-8");
  fs::permissions(dir_ / "corpus" / "locked", fs::perms::owner_all);
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.err.find("locked: cannot list the directory (skipped): Permission denied"),
            std::string::npos)
      << run.err;
  EXPECT_EQ(lines(run.out).size(), 5U) << run.out;  // app.log 3, sms.log 2
  EXPECT_EQ(run.out.find("secret"), std::string::npos);
}

TEST_F(ScanPiiCli, RulesFileAddsDetectorsAndErrorsNameTheLine) {
  write("rules.yaml",
        "detectors:\n"
        "  - name: EMPLOYEE_ID\n"
        "    pattern: 'E[0-9]{6}'\n"
        "    context: [工號]\n"
        "    context_required: true\n");
  write("corpus/hr.log", "員工工號：E123456\n");
  const auto run = run_etguard("scan pii " + path("corpus/hr.log") + " --rules " +
                               path("rules.yaml") + " --format jsonl");
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.out.find("EMPLOYEE_ID"), std::string::npos);
  write("bad.yaml",
        "detectors:\n"
        "  - name: X\n"
        "    pattern: 'a'\n"
        "    validator: magic\n");
  const auto bad =
      run_etguard("scan pii " + path("corpus/hr.log") + " --rules " + path("bad.yaml"));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("bad.yaml:4"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("magic"), std::string::npos);
}

// Issue 15.17: a device is refused at once (/dev/zero would never end); a
// pipe (<(zcat ...)) is read.
TEST_F(ScanPiiCli, ADeviceIsRefusedAndAPipeIsRead) {
  const auto device = run_etguard("scan pii /dev/zero");
  EXPECT_EQ(device.exit_code, 2) << device.err;
  EXPECT_NE(device.err.find("/dev/zero: not a file, a directory or a pipe"), std::string::npos)
      << device.err;
  const std::string command = "bash -c '" + std::string(ETG_BINARY_DIR) +
                              "/bin/etguard scan pii --format jsonl <(cat " +
                              path("corpus/app.log") + ") > " + path("pipe.out") + "'";
  EXPECT_EQ(WEXITSTATUS(std::system(command.c_str())), 1);
  EXPECT_EQ(lines(slurp(dir_ / "pipe.out")).size(), 3U);
}

TEST_F(ScanPiiCli, MissingInputIsAnError) {
  const auto run = run_etguard("scan pii " + path("nope"));
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.err.find("nope"), std::string::npos);
}

TEST_F(ScanPiiCli, SarifForPipelines) {
  const auto run = run_etguard("scan pii " + path("corpus") + " --format sarif");
  EXPECT_EQ(run.exit_code, 1);
  const auto sarif = nlohmann::json::parse(run.out);
  EXPECT_EQ(sarif["version"], "2.1.0");
  EXPECT_EQ(sarif["runs"][0]["results"].size(), 5U);
  EXPECT_EQ(
      sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["byteOffset"],
      10);
}

TEST_F(ScanPiiCli, ImportRecordsEvidenceForTheDataClauses) {
  const std::string ws = path("ws");
  ASSERT_EQ(run_etguard("init " + ws).exit_code, 0);
  const auto imported =
      run_etguard("--workspace " + ws + " registers import " + std::string(ETG_SOURCE_DIR) +
                  "/examples/demo-firm/registers.yaml");
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const auto run = run_etguard("--workspace " + ws + " scan pii " + path("corpus") +
                               " --import --object cloud/trading-dr");
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find("imported"), std::string::npos) << run.err;
  const auto evidence = run_etguard("--workspace " + ws + " evidence list --json");
  EXPECT_NE(evidence.out.find("pii.sensitive_data"), std::string::npos) << evidence.out;
}

}  // namespace
}  // namespace etguard
