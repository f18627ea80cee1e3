// etguard ai assess as a user runs it on the demo firm: each AI system's
// tier and score from the register, a firm's own model changing them, the
// overdue reviews and the pre-launch assessment, mistakes located (exit 2).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "../cli/run_etguard.h"

namespace etguard {
namespace {

namespace fs = std::filesystem;

class AiAssessCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("etg-ai-assess-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    ws_ = (dir_ / "ws").string();
    ASSERT_EQ(testing::run_etguard("init " + ws_).exit_code, 0);
    ASSERT_EQ(
        testing::run_etguard("--workspace " + ws_ + " registers import " +
                             std::string(ETG_SOURCE_DIR) + "/examples/demo-firm/registers.yaml")
            .exit_code,
        0);
  }
  void TearDown() override { fs::remove_all(dir_); }
  testing::RunOutcome etguard(const std::string& args) {
    return testing::run_etguard("--workspace " + ws_ + " " + args);
  }
  fs::path dir_;
  std::string ws_;
};

nlohmann::json system_of(const nlohmann::json& doc, const std::string& object) {
  for (const auto& system : doc["systems"]) {
    if (system["object"] == object) {
      return system;
    }
  }
  return nullptr;
}

TEST_F(AiAssessCli, EachSystemGetsItsTierFromTheRegister) {
  const auto run = etguard("ai assess --json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto doc = nlohmann::json::parse(run.out);
  EXPECT_EQ(doc["format"], "etguard.ai_risk");
  ASSERT_EQ(doc["systems"].size(), 3U);
  const auto robo = system_of(doc, "ai/robo-advisor");
  EXPECT_EQ(robo["score"], 14);
  EXPECT_EQ(robo["tier"], "high");
  EXPECT_EQ(robo["review_months"], 6);
  EXPECT_EQ(robo["next_review"], "2026-11-20");
  EXPECT_TRUE(robo["prelaunch_assessment_required"].get<bool>());
  EXPECT_EQ(robo["prelaunch_assessment"], "2025-09-30");
  const auto aml = system_of(doc, "ai/aml-screening");
  EXPECT_EQ(aml["score"], 9);
  EXPECT_EQ(aml["tier"], "medium");
  EXPECT_FALSE(aml["prelaunch_assessment_required"].get<bool>());
  const auto chatbot = system_of(doc, "ai/service-chatbot");
  EXPECT_EQ(chatbot["factors"][6]["factor"], "remedy");
  EXPECT_FALSE(chatbot["factors"][6]["recorded"].get<bool>());
  EXPECT_EQ(chatbot["factors"][6]["points"], 3);
  const auto zh = etguard("--lang zh-TW ai assess robo-advisor");
  EXPECT_EQ(zh.exit_code, 0);
  EXPECT_NE(zh.out.find("高風險（14 / 21 分）"), std::string::npos) << zh.out;
  EXPECT_NE(zh.out.find("人工智慧自主決策程度"), std::string::npos);
}

TEST_F(AiAssessCli, TheChecksVerdictsAsOcsf) {
  const auto run = etguard("ai assess robo-advisor --format ocsf");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::istringstream lines(run.out);
  std::string line;
  int findings = 0;
  while (std::getline(lines, line)) {
    const auto finding = nlohmann::json::parse(line);
    EXPECT_EQ(finding["class_uid"], 2004);
    ++findings;
  }
  EXPECT_EQ(findings, 3);  // assessment, periodic review, pre-launch
}

TEST_F(AiAssessCli, AFirmsOwnModelDecides) {
  const auto printed = etguard("ai assess --print-model");
  ASSERT_EQ(printed.exit_code, 0);
  std::string model = printed.out;
  const std::string high = "min_score: 13";
  ASSERT_NE(model.find(high), std::string::npos);
  model.replace(model.find(high), high.size(), "min_score: 9");
  std::ofstream(dir_ / "model.yaml") << model;
  const auto run =
      etguard("ai assess aml-screening --json --model " + (dir_ / "model.yaml").string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["systems"][0]["tier"], "high");
}

TEST_F(AiAssessCli, ImportRecordsEachSystemsVerdicts) {
  const auto run = etguard("ai assess --import");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  // One record per requirement: aml-screening (not customer-facing) ET-46.1,
  // 46.2, 46.3; robo-advisor and service-chatbot ET-46.4 too.
  EXPECT_NE(run.err.find("imported 3 scan evidence records"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("imported 4 scan evidence records"), std::string::npos) << run.err;
  const auto evidence = etguard("evidence list --json");
  EXPECT_NE(evidence.out.find("ai.periodic_review"), std::string::npos) << evidence.out;
  EXPECT_NE(evidence.out.find("ai/aml-screening"), std::string::npos);
}

TEST_F(AiAssessCli, TheWorkspacesModelIsVersionedInTheLedger) {
  std::string model = etguard("ai assess --print-model").out;
  model.replace(model.find("min_score: 13"), 13, "min_score: 9");
  std::ofstream(dir_ / "model.yaml") << model;
  const auto set = etguard("ai model set " + (dir_ / "model.yaml").string());
  ASSERT_EQ(set.exit_code, 0) << set.err;
  const auto run = etguard("ai assess aml-screening --json");
  const auto doc = nlohmann::json::parse(run.out);
  EXPECT_EQ(doc["systems"][0]["tier"], "high");
  EXPECT_EQ(doc["model_sha256"].get<std::string>().size(), 64U);
  EXPECT_EQ(etguard("ai model show").out, model);
  const auto ledger = etguard("ledger verify");
  EXPECT_EQ(ledger.exit_code, 0) << ledger.out << ledger.err;
  const auto log = etguard("--json ledger show");
  EXPECT_NE(log.out.find("ai.risk_model"), std::string::npos);
  std::ofstream(dir_ / "bad.yaml") << "factors: []\ntiers: []\n";
  EXPECT_EQ(etguard("ai model set " + (dir_ / "bad.yaml").string()).exit_code, 2);
  EXPECT_EQ(etguard("ai model show").out, model);  // a bad model changes nothing
}

TEST_F(AiAssessCli, MistakesAreLocated) {
  std::ofstream(dir_ / "bad.yaml")
      << "factors: []\ntiers:\n  - {id: t, zh: 甲, en: T, min_score: 0, "
         "independent_review: maybe}\n";
  const auto bad = etguard("ai assess --model " + (dir_ / "bad.yaml").string());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("bad.yaml:3:"), std::string::npos) << bad.err;
  const auto unknown = etguard("ai assess no-such-system");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("ai/no-such-system is not in the AI register"), std::string::npos);
}

// The model card beside the register: current, stale, unknown, unreadable.
TEST_F(AiAssessCli, AModelCardIsComparedWithTheRegister) {
  const std::string demo =
      std::string(ETG_SOURCE_DIR) + "/examples/demo-firm/models/robo-advisor.card.yaml";
  const auto current = etguard("scan ai-modelcard " + demo + " --import");
  EXPECT_EQ(current.exit_code, 0) << current.out << current.err;
  EXPECT_NE(current.err.find("imported 1 scan evidence record"), std::string::npos) << current.err;
  std::ifstream in(demo);
  std::string card((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string stale = card;
  stale.replace(stale.find("reviewed: 2026-05-20"), 20, "reviewed: 2026-01-05");
  std::ofstream(dir_ / "stale.yaml") << stale;
  const auto old = etguard("scan ai-modelcard " + (dir_ / "stale.yaml").string());
  EXPECT_EQ(old.exit_code, 1);
  EXPECT_NE(old.out.find("AI_CARD_STALE"), std::string::npos) << old.out;
  std::string other = card;
  other.replace(other.find("system: robo-advisor"), 20, "system: credit-model");
  std::ofstream(dir_ / "other.yaml") << other;
  const auto unknown = etguard("scan ai-modelcard " + (dir_ / "other.yaml").string());
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.out.find("AI_CARD_NOT_IN_REGISTER"), std::string::npos) << unknown.out;
  std::ofstream(dir_ / "broken.yaml") << "format: etguard.model_card\nformat_version: \"1.0\"\n"
                                         "system: robo-advisor\nreviewd: 2026-05-20\n";
  const auto broken = etguard("scan ai-modelcard " + (dir_ / "broken.yaml").string());
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_NE(broken.err.find("broken.yaml:4:1: unknown-key"), std::string::npos) << broken.err;
}

}  // namespace
}  // namespace etguard
