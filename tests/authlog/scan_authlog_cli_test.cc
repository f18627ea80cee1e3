// etguard scan authlog as a user runs it: findings and the daily summary as
// JSON Lines, malformed lines located and counted, --strict, exit codes.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "../cli/run_etguard.h"

namespace etguard {
namespace {

namespace fs = std::filesystem;

class ScanAuthlogCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("etg-authlog-cli-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream(dir_ / "accounts.jsonl")
        << R"({"user":{"name":"A123456789","id":"9800-1","type":"customer"},"status":{"locked":true,"consecutive_failures":0},"password_last_changed":"2025-03-01T00:00:00Z"})"
        << "\n";
    std::ofstream events(dir_ / "events.jsonl");
    events
        << R"({"@timestamp":"2025-03-12T01:00:00.000Z","event":{"id":"00000000000000a1","action":"login","outcome":"success"},"service":{"name":"eb-web"},"user":{"name":"A123456789","id":"9800-1","type":"customer"},"source":{"ip":"1.2.3.4"},"auth":{"factors":["password"],"password_last_changed":"2025-03-01T00:00:00Z"}})"
        << "\n"
        << R"({"@timestamp":"2025-03-12T01:00:05.000Z","event":{"id":"00000000000000a2","action":"notification_sent","outcome":"success"},"user":{"name":"A123456789"},"notification":{"status":"sent"},"labels":{"ref_event_id":"00000000000000a1"}})"
        << "\n"
        << "this is not json\n";
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  // A workspace with the demo firm's registers, where --import records evidence.
  std::string demo_workspace() const {
    const std::string ws = path("ws");
    EXPECT_EQ(testing::run_etguard("init " + ws).exit_code, 0);
    EXPECT_EQ(
        testing::run_etguard("--workspace " + ws + " registers import " +
                             std::string(ETG_SOURCE_DIR) + "/examples/demo-firm/registers.yaml")
            .exit_code,
        0);
    return ws;
  }
  fs::path dir_;
};

TEST_F(ScanAuthlogCli, FindingsThenTheDailySummaryAndMalformedLinesLocated) {
  const auto run = testing::run_etguard("scan authlog " + path("events.jsonl") + " --accounts " +
                                        path("accounts.jsonl"));
  EXPECT_EQ(run.exit_code, 1) << run.err;
  std::istringstream lines(run.out);
  std::vector<nlohmann::json> records;
  for (std::string line; std::getline(lines, line);) {
    records.push_back(nlohmann::json::parse(line));
  }
  ASSERT_EQ(records.size(), 3U) << run.out;
  // A password alone is one factor type; locked at 00:00 and never unlocked.
  // Findings come in time order, then by type.
  EXPECT_EQ(records[0]["type"], "single_factor_login");
  EXPECT_EQ(records[1]["type"], "success_without_unlock");
  EXPECT_EQ(records[1]["event_ids"][0], "00000000000000a1");
  EXPECT_EQ(records[2]["type"], "daily_summary");
  EXPECT_EQ(records[2]["metrics"]["login_success_total"], 1);
  EXPECT_NE(run.err.find("events.jsonl:3"), std::string::npos) << run.err;
}

TEST_F(ScanAuthlogCli, StrictMakesAMalformedLineAnError) {
  const auto run = testing::run_etguard("scan authlog " + path("events.jsonl") + " --accounts " +
                                        path("accounts.jsonl") + " --strict");
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.err.find("--strict"), std::string::npos) << run.err;
}

TEST_F(ScanAuthlogCli, AMissingFileIsAnError) {
  const auto run = testing::run_etguard("scan authlog " + path("nope.jsonl"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("nope.jsonl"), std::string::npos) << run.err;
  const auto accounts = testing::run_etguard("scan authlog " + path("events.jsonl") +
                                             " --accounts " + path("nope-accounts.jsonl"));
  EXPECT_EQ(accounts.exit_code, 2) << accounts.err;
}

// Issue 15.13: an empty or binary input must not pass as a quiet day (a
// wrong path once turned a CI job green).
TEST_F(ScanAuthlogCli, AnInputWithNoEventIsAnErrorNotAQuietDay) {
  std::ofstream(dir_ / "empty.jsonl");
  std::ofstream(dir_ / "binary.dat", std::ios::binary) << std::string("\x00\x01\xfe\xff\x00", 5);
  for (const char* name : {"empty.jsonl", "binary.dat"}) {
    const auto run = testing::run_etguard("scan authlog " + path(name));
    EXPECT_EQ(run.exit_code, 2) << name;
    EXPECT_NE(run.err.find("no authentication event was read"), std::string::npos) << run.err;
  }
}

// Issue 14.6: customers log in with their national ID numbers; the daily
// report, kept as evidence and read by people, names them by pseudonym
// (stable within the report), while the findings on stdout keep the name for
// the operator. etguard's own PII scanner finds no ID in the reports.
TEST_F(ScanAuthlogCli, TheDailyReportNamesCustomersByPseudonym) {
  const auto run = testing::run_etguard("scan authlog " + path("events.jsonl") + " --accounts " +
                                        path("accounts.jsonl") + " --report " + path("day.html") +
                                        " --report-json " + path("day.json"));
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.out.find("A123456789"), std::string::npos);  // stdout: the operator's feed
  const std::string json = testing::slurp(dir_ / "day.json");
  const std::string html = testing::slurp(dir_ / "day.html");
  for (const std::string* report : {&json, &html}) {
    EXPECT_EQ(report->find("A123456789"), std::string::npos);
    EXPECT_NE(report->find("TW_NATIONAL_ID:"), std::string::npos);
  }
  // One account, one pseudonym throughout the report.
  std::set<std::string> pseudonyms;
  for (std::size_t at = json.find("TW_NATIONAL_ID:"); at != std::string::npos;
       at = json.find("TW_NATIONAL_ID:", at + 1)) {
    pseudonyms.insert(json.substr(at, 31));
  }
  EXPECT_EQ(pseudonyms.size(), 1U);
  const auto scanned = testing::run_etguard("scan pii " + path("day.json") + " " +
                                            path("day.html") + " --format jsonl");
  EXPECT_EQ(scanned.out.find("TW_NATIONAL_ID"), std::string::npos) << scanned.out;
}

// Issue 17: Debian's default auth.log (classic timestamps: no year, no zone)
// used to give 0 events and exit 0; it is read, dated by --year/--timezone or
// the file's time, and the assumption is stated.
TEST_F(ScanAuthlogCli, AClassicAuthLogIsReadAndItsAssumedYearStated) {
  std::ofstream log(dir_ / "auth.log");
  for (int i = 0; i < 12; ++i) {
    log << fmt::format(
        "Mar 12 09:00:{:02} bastion sshd[77]: Failed password for ops from "
        "203.0.113.9 port 5{} ssh2\n",
        i * 2, i);
  }
  log << "Mar 12 09:01:00 bastion CRON[8]: (root) CMD (true)\n";
  log.close();
  const auto run =
      testing::run_etguard("scan authlog " + path("auth.log") +
                           " --year 2025 --timezone +08:00 --report-json " + path("day.json"));
  EXPECT_EQ(run.exit_code, 1) << run.err;  // twelve rejections from one address: brute force
  EXPECT_NE(run.out.find("brute_force"), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("13 classic syslog line(s) carry no year or zone: read as 2025 (from "
                         "--year"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("in UTC+08:00 time"), std::string::npos) << run.err;
  const auto report = nlohmann::json::parse(std::ifstream(dir_ / "day.json"));
  EXPECT_EQ(report["input_notes"].size(), 1U);
  // Without --year, the file's modification time dates it.
  ASSERT_EQ(std::system(("touch -d 2024-04-01T12:00:00 " + path("auth.log")).c_str()), 0);
  const auto dated = testing::run_etguard("scan authlog " + path("auth.log") + " --timezone Z");
  EXPECT_NE(dated.err.find("read as 2024 (from the file's modification time"), std::string::npos)
      << dated.err;
  EXPECT_EQ(testing::run_etguard("scan authlog " + path("auth.log") + " --timezone 8").exit_code,
            2);
}

// Issue 15.17: a device, a directory or a socket is refused at once (the
// accounts at /dev/zero once read until memory ran out); a line longer than
// 1 MiB is skipped and located, and the lines after it are read.
TEST_F(ScanAuthlogCli, DevicesAreRefusedAndAnOverlongLineIsSkipped) {
  const auto device =
      testing::run_etguard("scan authlog " + path("events.jsonl") + " --accounts /dev/zero");
  EXPECT_EQ(device.exit_code, 2) << device.err;
  EXPECT_NE(device.err.find("/dev/zero: not a file or a pipe"), std::string::npos) << device.err;
  const auto directory = testing::run_etguard("scan authlog " + dir_.string());
  EXPECT_EQ(directory.exit_code, 2) << directory.err;
  EXPECT_NE(directory.err.find("not a file or a pipe"), std::string::npos) << directory.err;
  {
    std::ofstream events(dir_ / "long.jsonl");
    events
        << R"({"@timestamp":"2025-03-12T01:00:00.000Z","event":{"id":"00000000000000c1","action":"logout","outcome":"success"},"user":{"name":"A123456789"},"note":")"
        << std::string(std::size_t{3} << 20U, 'x')
        << "\"}\n"
        // Longer than one 4 MiB read: skipped while it is still arriving.
        << std::string(std::size_t{6} << 20U, 'y') << "\n"
        << R"({"@timestamp":"2025-03-12T01:00:05.000Z","event":{"id":"00000000000000c2","action":"logout","outcome":"success"},"user":{"name":"A123456789"}})"
        << "\n";
  }
  const auto long_line = testing::run_etguard("scan authlog " + path("long.jsonl"));
  EXPECT_EQ(long_line.exit_code, 0) << long_line.err;  // line 3 was read: an event, so exit 0
  for (const char* at : {"long.jsonl:1: ", "long.jsonl:2: "}) {
    EXPECT_NE(long_line.err.find(std::string(at) +
                                 "skipped a malformed line: longer than 1 MiB: skipped"),
              std::string::npos)
        << long_line.err;
  }
  EXPECT_EQ(long_line.err.find("long.jsonl:3"), std::string::npos) << long_line.err;
}

}  // namespace
}  // namespace etguard

namespace etguard {
namespace {

TEST_F(ScanAuthlogCli, OcsfHasTheLoginsThenAFindingPerFindingAndPerCheck) {
  const auto run = testing::run_etguard("scan authlog " + path("events.jsonl") + " --accounts " +
                                        path("accounts.jsonl") + " --format ocsf");
  EXPECT_EQ(run.exit_code, 1) << run.err;
  std::istringstream lines(run.out);
  std::vector<nlohmann::json> records;
  for (std::string line; std::getline(lines, line);) {
    records.push_back(nlohmann::json::parse(line));
  }
  // One login (the notification is no authentication event), two findings, five checks.
  ASSERT_EQ(records.size(), 8U) << run.out;
  EXPECT_EQ(records[0]["class_uid"], 3002);
  EXPECT_EQ(records[0]["activity_id"], 1);
  EXPECT_EQ(records[0]["status_id"], 1);
  EXPECT_EQ(records[0]["is_mfa"], false);
  EXPECT_EQ(records[0]["user"]["name"], "A123456789");
  EXPECT_EQ(records[0]["src_endpoint"]["ip"], "1.2.3.4");
  EXPECT_EQ(records[0]["metadata"]["uid"], "00000000000000a1");
  EXPECT_EQ(records[1]["class_uid"], 2004);
  EXPECT_EQ(records[1]["finding_info"]["title"], "single_factor_login");
  EXPECT_EQ(records[1]["compliance"]["requirements"][0], "ET-35.1");
  EXPECT_EQ(records[2]["finding_info"]["title"], "success_without_unlock");
  EXPECT_EQ(records[2]["compliance"]["requirements"][0], "ET-36.5");
  for (std::size_t i = 3; i < records.size(); ++i) {
    EXPECT_EQ(records[i]["class_uid"], 2004);
    EXPECT_TRUE(records[i]["compliance"].contains("status")) << records[i];
  }
}

TEST_F(ScanAuthlogCli, TheDailyReportAsJsonAndAsHtmlInEitherLanguage) {
  // A name with markup must come out escaped.
  std::ofstream(dir_ / "events.jsonl", std::ios::app)
      << R"({"@timestamp":"2025-03-12T02:00:00.000Z","event":{"id":"00000000000000a3","action":"login","outcome":"failure","reason":"unknown_user"},"service":{"name":"eb-web"},"user":{"name":"<script>x"},"source":{"ip":"5.6.7.8"}})"
      << "\n";
  const auto run = testing::run_etguard("--lang zh-TW scan authlog " + path("events.jsonl") +
                                        " --accounts " + path("accounts.jsonl") + " --report " +
                                        path("day.html") + " --report-json " + path("day.json"));
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const auto report = nlohmann::json::parse(testing::slurp(dir_ / "day.json"));
  EXPECT_EQ(report["format"], "etguard.authlog.daily_report");
  EXPECT_EQ(report["version"], "1.0");
  EXPECT_EQ(report["day"], "2025-03-12");  // 01:00Z is 09:00 in Taipei
  EXPECT_EQ(report["events"], 3);
  EXPECT_EQ(report["malformed_lines"], 1);
  EXPECT_EQ(report["summary"]["login_failure_total"], 1);
  EXPECT_EQ(report["unknown_account_names"][0]["name"], "<script>x");
  EXPECT_EQ(report["unknown_account_names"][0]["distinct_sources"], 1);
  EXPECT_EQ(report["top_sources"][0]["name"], "5.6.7.8");
  EXPECT_EQ(report["failures_by_hour_utc8"][10], 1);
  EXPECT_EQ(report["findings_by_type"]["success_without_unlock"], 1);
  EXPECT_EQ(report["checks"].size(), 5U);
  const std::string html = testing::slurp(dir_ / "day.html");
  EXPECT_NE(html.find("身分驗證日誌每日分析報告"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;x"), std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  const auto english = testing::run_etguard("--lang en scan authlog " + path("events.jsonl") +
                                            " --report " + path("day-en.html"));
  EXPECT_NE(testing::slurp(dir_ / "day-en.html").find("Authentication log daily report"),
            std::string::npos);
}

TEST_F(ScanAuthlogCli, CsvExportsThroughAColumnMapping) {
  std::ofstream(dir_ / "map.yaml") << "columns:\n  timestamp: 時間\n  action: 動作\n  outcome: "
                                      "結果\n  user_name: 帳號\n  factors: 因子\nvalues:\n  "
                                      "action: {登入: login}\n  outcome: {成功: success}\n";
  std::ofstream(dir_ / "export.csv") << "時間,動作,結果,帳號,因子\n"
                                        "2025-03-12 09:00:00,登入,成功,\"emp,1\",password\n"
                                        "2025-03-12 09:00:01,登出?,成功,emp1,\n";
  const auto run =
      testing::run_etguard("scan authlog " + path("export.csv") + " --csv-map " + path("map.yaml"));
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.out.find(R"("type":"single_factor_login","accounts":["emp,1"])"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find(R"("start":"2025-03-12T01:00:00.000Z")"), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("export.csv:3"), std::string::npos) << run.err;

  std::ofstream(dir_ / "bad-map.yaml") << "columns:\n  timestamp: 時間\n  action: 動作\n";
  const auto bad = testing::run_etguard("scan authlog " + path("export.csv") + " --csv-map " +
                                        path("bad-map.yaml"));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("bad-map.yaml:2"), std::string::npos) << bad.err;
  std::ofstream(dir_ / "other-map.yaml")
      << "columns:\n  timestamp: time\n  action: 動作\n  user_name: 帳號\n";
  const auto header = testing::run_etguard("scan authlog " + path("export.csv") + " --csv-map " +
                                           path("other-map.yaml"));
  EXPECT_EQ(header.exit_code, 2);
  EXPECT_NE(header.err.find("export.csv: line 1: the header has no column 'time'"),
            std::string::npos)
      << header.err;
}

TEST_F(ScanAuthlogCli, RulesArePrintedAndReadBack) {
  const auto printed = testing::run_etguard("scan authlog --print-rules");
  EXPECT_EQ(printed.exit_code, 0) << printed.err;
  EXPECT_NE(printed.out.find("threshold: 5"), std::string::npos) << printed.out;
  // With a 1-day password age, the 11-day-old password of the login needs a prompt.
  std::ofstream(dir_ / "rules.yaml") << "password_age:\n  max_days: 1\n";
  const auto strict =
      testing::run_etguard("scan authlog " + path("events.jsonl") + " --accounts " +
                           path("accounts.jsonl") + " --rules " + path("rules.yaml"));
  EXPECT_NE(strict.out.find("stale_password_not_prompted"), std::string::npos) << strict.out;
  const auto usual = testing::run_etguard("scan authlog " + path("events.jsonl") + " --accounts " +
                                          path("accounts.jsonl"));
  EXPECT_EQ(usual.out.find("stale_password_not_prompted"), std::string::npos) << usual.out;
  std::ofstream(dir_ / "bad.yaml") << "lockout:\n  threshold: 0\n";
  const auto bad =
      testing::run_etguard("scan authlog --rules " + path("bad.yaml") + " " + path("events.jsonl"));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("bad.yaml:2"), std::string::npos) << bad.err;
}

TEST_F(ScanAuthlogCli, ImportKeepsTheDailyReportAsTheDailyMonitoringEvidence) {
  const std::string ws = demo_workspace();
  const auto run = testing::run_etguard(
      "--workspace " + ws + " scan authlog " + path("events.jsonl") + " --accounts " +
      path("accounts.jsonl") + " --import --object trading/web-trading");
  EXPECT_EQ(run.exit_code, 1) << run.err;
  bool found = false;
  // The evidence store keeps each file under its SHA-256.
  for (const auto& entry :
       fs::recursive_directory_iterator(fs::path(ws) / ".etguard" / "evidence")) {
    if (entry.is_regular_file()) {
      const std::string text = testing::slurp(entry.path());
      found = found || (text.find("authlog.daily_monitoring") != std::string::npos &&
                        text.find("etguard.authlog.daily_report") != std::string::npos);
    }
  }
  EXPECT_TRUE(found) << "no stored evidence file holds the daily report";
  // Issue 14.7: the evidence covers the log's day (2025-03-12), not the day it was analysed.
  const auto listed = nlohmann::json::parse(
      testing::run_etguard("--workspace " + ws + " evidence list --json").out);
  ASSERT_FALSE(listed["evidence"].empty()) << listed.dump();
  for (const auto& item : listed["evidence"]) {
    EXPECT_EQ(item["effective_from"], "2025-03-12") << item.dump();
    EXPECT_EQ(item["effective_to"], "2025-03-12") << item.dump();
  }
}

TEST_F(ScanAuthlogCli, ImportRecordsTheChecksAsEvidence) {
  const std::string ws = demo_workspace();
  const auto run = testing::run_etguard(
      "--workspace " + ws + " scan authlog " + path("events.jsonl") + " --accounts " +
      path("accounts.jsonl") + " --import --object trading/web-trading");
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find("imported"), std::string::npos) << run.err;
  const auto evidence = testing::run_etguard("--workspace " + ws + " evidence list --json");
  EXPECT_NE(evidence.out.find("authlog.lockout"), std::string::npos) << evidence.out;
}

}  // namespace
}  // namespace etguard

namespace etguard {
namespace {

// Polls `file` until it holds `text` (at most ~20 s).
bool eventually_holds(const fs::path& file, const std::string& text) {
  for (int i = 0; i < 200; ++i) {
    if (testing::slurp(file).find(text) != std::string::npos) {
      return true;
    }
    ::usleep(100'000);
  }
  return false;
}

std::string event_line(const std::string& time, const std::string& id, const std::string& action) {
  return R"({"@timestamp":"2025-03-12T)" + time + R"(Z","event":{"id":")" + id + R"(","action":")" +
         action +
         R"(","outcome":"success"},"service":{"name":"eb-web"},"user":{"name":"A123456789","id":"9800-1","type":"customer"},"source":{"ip":"1.2.3.4"},"auth":{"factors":["password","totp"]}})" +
         "\n";
}

TEST_F(ScanAuthlogCli, FollowWritesFindingsAsTheyBecomeCertainAndTheSummaryAtTheEnd) {
  const fs::path log = dir_ / "live.jsonl";
  const fs::path out = dir_ / "live.out";
  // A trade at 01:00 with no notification: certain once the log passes
  // 01:00 + 300 s (notification window) + 300 s (reorder window).
  std::ofstream(log) << event_line("01:00:00.000", "00000000000000b1", "trade_order")
                     << event_line("01:20:00.000", "00000000000000b2", "logout");
  const std::string start = "env LANG=C.UTF-8 " + std::string(ETG_BINARY_DIR) +
                            "/bin/etguard scan authlog " + log.string() + " --follow > " +
                            out.string() + " 2>/dev/null & echo $!";
  std::FILE* shell = ::popen(start.c_str(), "r");
  ASSERT_NE(shell, nullptr);
  int pid = 0;
  ASSERT_EQ(std::fscanf(shell, "%d", &pid), 1);
  ::pclose(shell);
  EXPECT_TRUE(eventually_holds(out, "trade_without_notification"))
      << "the finding did not come out while following";
  EXPECT_EQ(testing::slurp(out).find("daily_summary"), std::string::npos);
  // The log grows; then the day is ended with SIGTERM.
  std::ofstream(log, std::ios::app) << event_line("01:30:00.000", "00000000000000b3", "logout");
  ::usleep(600'000);
  ::kill(pid, SIGTERM);
  EXPECT_TRUE(eventually_holds(out, "daily_summary"));
  const std::string text = testing::slurp(out);
  EXPECT_EQ(text.find("trade_without_notification"), text.rfind("trade_without_notification"))
      << "a finding came out twice:\n"
      << text;
  for (int i = 0; i < 100 && ::kill(pid, 0) == 0; ++i) {
    ::usleep(100'000);
  }
  EXPECT_NE(::kill(pid, 0), 0) << "etguard kept running after SIGTERM";
}

}  // namespace
}  // namespace etguard
