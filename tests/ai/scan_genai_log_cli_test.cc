// etguard scan genai-log as a user runs it: a gateway log with planted
// personal data and secrets fails with every planted value found once and
// only its mask written (exit 1); a clean log passes (exit 0); bad lines are
// named with their line and the exit is 2; the printed rules are read back;
// --field maps another gateway's records; --import records the evidence.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "../cli/run_etguard.h"

namespace etguard {
namespace {

namespace fs = std::filesystem;

// A plain question, and the values planted in every tenth prompt.
constexpr const char* kQuestion = "請幫我整理今天台股盤後的重點，並用三點說明 ETF 的風險。";
const std::map<std::string, std::string> kPlanted = {
    {"TW_NATIONAL_ID", "客戶身分證 A123456789 要更新地址"},
    {"TW_MOBILE", "please call 0912-345-678 back"},
    {"AWS_ACCESS_KEY", "why does AKIAIOSFODNN7QWERTYZ get denied"},
    {"PRIVATE_KEY", "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n"},
    {"CLASSIFICATION_LABEL", "【機密】明年度營運計畫摘要"},
};

std::string record(int i, const std::string& content, const std::string& model = "gpt-4o") {
  nlohmann::json line = {{"timestamp", "2026-12-01T09:00:00Z"},
                         {"user", "user" + std::to_string(i % 7)},
                         {"department", i % 2 == 0 ? "research" : "it"},
                         {"endpoint", "https://api.openai.com/v1/chat/completions"},
                         {"request",
                          {{"model", model},
                           {"messages",
                            {{{"role", "system"}, {"content", "You are the firm's assistant."}},
                             {{"role", "user"}, {"content", content}}}}}}};
  return line.dump() + "\n";
}

class ScanGenaiLogCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("etg-genai-cli-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream planted(path("planted.jsonl"));
    std::ofstream clean(path("clean.jsonl"));
    auto value = kPlanted.begin();
    for (int i = 0; i < 1000; ++i) {
      clean << record(i, kQuestion);
      if (i % 10 == 0) {
        planted << record(i, value->second);
        if (++value == kPlanted.end()) {
          value = kPlanted.begin();
        }
      } else {
        planted << record(i, kQuestion);
      }
    }
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(ScanGenaiLogCli, PlantedValuesAreFoundOnceEachAndOnlyMasked) {
  const auto run = testing::run_etguard("scan genai-log " + path("planted.jsonl") +
                                        " --format jsonl --jobs 2 --summary " + path("s.json"));
  EXPECT_EQ(run.exit_code, 1) << run.err;
  std::map<std::string, int> by_type;
  std::istringstream lines(run.out);
  std::string line;
  while (std::getline(lines, line)) {
    const auto finding = nlohmann::json::parse(line);
    ++by_type[finding["type"].get<std::string>()];
    EXPECT_EQ(finding["field"], "messages[1].content");
    EXPECT_EQ(finding["line"].get<int>() % 10, 1) << line;
    EXPECT_FALSE(finding["on_premises"].get<bool>());
  }
  for (const auto& [type, text] : kPlanted) {
    EXPECT_EQ(by_type[type], 20) << type;
  }
  EXPECT_EQ(by_type.size(), kPlanted.size());
  for (const char* secret : {"A123456789", "AKIAIOSFODNN7QWERTYZ", "0912-345-678"}) {
    EXPECT_EQ(run.out.find(secret), std::string::npos) << secret;
  }
  const auto summary = nlohmann::json::parse(testing::slurp(path("s.json")));
  EXPECT_EQ(summary["format"], "etguard.genai_log");
  EXPECT_EQ(summary["records"], 1000);
  EXPECT_EQ(summary["prompts"], 1000);
  EXPECT_EQ(summary["external"]["prompts"], 100);
  EXPECT_EQ(summary["by_department"]["research"]["findings"], 100);
}

TEST_F(ScanGenaiLogCli, ACleanLogPasses) {
  const auto run = testing::run_etguard("scan genai-log " + path("clean.jsonl"));
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("1000 prompts"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("ai.genai_prompts pass"), std::string::npos) << run.out;
}

TEST_F(ScanGenaiLogCli, OnPremisesModelsComeFromTheRules) {
  const auto printed = testing::run_etguard("scan genai-log --print-rules");
  ASSERT_EQ(printed.exit_code, 0);
  std::string rules = printed.out;
  const std::string models = "  models: []";
  ASSERT_NE(rules.find(models), std::string::npos);
  rules.replace(rules.find(models), models.size(), "  models: [gpt-4o]");
  std::ofstream(path("rules.yaml")) << rules;
  const auto run = testing::run_etguard("scan genai-log " + path("planted.jsonl") + " --rules " +
                                        path("rules.yaml") + " --format ocsf");
  EXPECT_EQ(run.exit_code, 1) << run.err;  // found, though only on premises
  const auto finding = nlohmann::json::parse(run.out);
  EXPECT_EQ(finding["finding_info"]["uid"].get<std::string>().find("ai.genai_prompts"), 0U);
  EXPECT_EQ(finding["status_id"], 1);
  const auto table = testing::run_etguard("scan genai-log " + path("planted.jsonl") + " --rules " +
                                          path("rules.yaml"));
  EXPECT_NE(table.out.find("ai.genai_prompts pass"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("GENAI_SENSITIVE_ON_PREMISES"), std::string::npos) << table.out;
}

TEST_F(ScanGenaiLogCli, BadInputIsLocatedAndExitsTwo) {
  std::ofstream(path("bad.jsonl")) << record(1, "A123456789") << "{\"user\": oops}\n";
  const auto run = testing::run_etguard("scan genai-log " + path("bad.jsonl"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("bad.jsonl:2: not a JSON record"), std::string::npos) << run.err;
  EXPECT_NE(run.out.find("GENAI_SENSITIVE_SENT"), std::string::npos) << run.out;
  std::ofstream(path("auth.jsonl")) << R"({"event":{"action":"login"}})" << "\n";
  const auto wrong = testing::run_etguard("--lang zh-TW scan genai-log " + path("auth.jsonl"));
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_NE(wrong.err.find("--field request="), std::string::npos) << wrong.err;
  std::ofstream(path("rules.yaml")) << "version: 1\non_premises:\n  hosts: oops\n";
  const auto rules = testing::run_etguard("scan genai-log " + path("clean.jsonl") + " --rules " +
                                          path("rules.yaml"));
  EXPECT_EQ(rules.exit_code, 2);
  EXPECT_NE(rules.err.find("rules.yaml:3:10: expected a list of globs"), std::string::npos)
      << rules.err;
  const auto field =
      testing::run_etguard("scan genai-log " + path("clean.jsonl") + " --field who=x");
  EXPECT_EQ(field.exit_code, 2);
}

TEST_F(ScanGenaiLogCli, FieldsMapAnotherGatewaysRecords) {
  std::ofstream(path("proxy.jsonl"))
      << R"({"meta":{"employee":"E1234"},"payload":{"model":"m","prompt":"A123456789"}})" << "\n";
  const auto run = testing::run_etguard("scan genai-log " + path("proxy.jsonl") +
                                        " --format jsonl --field user=meta.employee --field "
                                        "request=payload");
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const auto finding = nlohmann::json::parse(run.out);
  EXPECT_EQ(finding["user"], "E1234");
  EXPECT_EQ(finding["field"], "prompt");
  EXPECT_EQ(finding["model"], "m");
}

TEST_F(ScanGenaiLogCli, ImportRecordsTheEvidenceForTheAiSystem) {
  const std::string ws = path("ws");
  ASSERT_EQ(testing::run_etguard("init " + ws).exit_code, 0);
  ASSERT_EQ(testing::run_etguard("--workspace " + ws + " registers import " +
                                 std::string(ETG_SOURCE_DIR) + "/examples/demo-firm/registers.yaml")
                .exit_code,
            0);
  const auto run =
      testing::run_etguard("--workspace " + ws + " scan genai-log " + path("planted.jsonl") +
                           " --import --object ai/service-chatbot");
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find("imported 1 scan evidence record"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace etguard
