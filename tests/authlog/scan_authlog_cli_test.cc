// etguard scan authlog as a user runs it: findings and the daily summary as
// JSON Lines, malformed lines located and counted, --strict, exit codes.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
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
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.err.find("nope.jsonl"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace etguard

namespace etguard {
namespace {

TEST_F(ScanAuthlogCli, OcsfHasOneDetectionFindingPerCheck) {
  const auto run = testing::run_etguard("scan authlog " + path("events.jsonl") + " --accounts " +
                                        path("accounts.jsonl") + " --format ocsf");
  EXPECT_EQ(run.exit_code, 1) << run.err;
  std::istringstream lines(run.out);
  std::vector<nlohmann::json> records;
  for (std::string line; std::getline(lines, line);) {
    records.push_back(nlohmann::json::parse(line));
  }
  ASSERT_EQ(records.size(), 5U) << run.out;
  for (const auto& record : records) {
    EXPECT_EQ(record["class_uid"], 2004);
  }
}

TEST_F(ScanAuthlogCli, ImportRecordsTheChecksAsEvidence) {
  const std::string ws = path("ws");
  ASSERT_EQ(testing::run_etguard("init " + ws).exit_code, 0);
  ASSERT_EQ(testing::run_etguard("--workspace " + ws + " registers import " +
                                 std::string(ETG_SOURCE_DIR) + "/examples/demo-firm/registers.yaml")
                .exit_code,
            0);
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
