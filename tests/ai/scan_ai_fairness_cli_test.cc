// etguard scan ai-fairness as a user runs it: a biased log fails and a fair
// one passes (exit 1 / 0), the JSON document and the HTML report say the
// same, bad input is refused with its line (exit 2), the printed policy is
// read back, and --import records the evidence in a workspace.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "../cli/run_etguard.h"

namespace etguard {
namespace {

namespace fs = std::filesystem;

class ScanAiFairnessCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("etg-fairness-cli-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    // Both genders get exactly the same decisions: every disparity is 0.
    std::ofstream fair(path("fair.csv"));
    fair << "gender,y,yhat,p\n";
    for (const char* gender : {"F", "M"}) {
      for (int i = 0; i < 200; ++i) {
        const int y = i % 2;
        fair << gender << ',' << y << ',' << (i % 4 < 2 ? y : 1 - y) << ',' << "0.5" << '\n';
      }
    }
    // M approved four times as often as F.
    std::ofstream biased(path("biased.csv"));
    biased << "gender,y,yhat\n";
    for (int i = 0; i < 400; ++i) {
      biased << (i % 2 == 0 ? "F" : "M") << ',' << (i % 3 == 0 ? 1 : 0) << ','
             << (i % 2 == 0 ? (i % 10 == 0 ? 1 : 0) : (i % 10 < 8 ? 1 : 0)) << '\n';
    }
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(ScanAiFairnessCli, ABiasedLogFailsAndTheReportSaysTheSame) {
  const auto run = testing::run_etguard("scan ai-fairness " + path("biased.csv") +
                                        " --group gender --json --report " + path("r.html"));
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const auto doc = nlohmann::json::parse(run.out);
  EXPECT_EQ(doc["format"], "etguard.ai_fairness");
  EXPECT_EQ(doc["version"], "1.0");
  EXPECT_EQ(doc["verdict"], "fail");
  EXPECT_EQ(doc["rows"], 400);
  const auto& ratio = doc["groupings"][0]["disparities"][1];
  EXPECT_EQ(ratio["metric"], "demographic_parity_ratio");
  EXPECT_EQ(ratio["verdict"], "fail");
  EXPECT_EQ(ratio["highest"], "M");
  EXPECT_EQ(ratio["lowest"], "F");
  const std::string html = testing::slurp(path("r.html"));
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("FAIL"), std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org"));  // nothing fetched
  const auto jsonl = testing::run_etguard("scan ai-fairness " + path("biased.csv") +
                                          " --group gender --format jsonl");
  EXPECT_EQ(jsonl.exit_code, 1);
  const auto finding = nlohmann::json::parse(jsonl.out);
  EXPECT_EQ(finding["check_id"], "ai.fairness");
  EXPECT_EQ(finding["verdict"], "fail");
}

TEST_F(ScanAiFairnessCli, AFairLogPasses) {
  const auto run = testing::run_etguard("scan ai-fairness " + path("fair.csv") +
                                        " --group gender --score p --jobs 2");
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("ai.fairness pass"), std::string::npos) << run.out;
}

TEST_F(ScanAiFairnessCli, BadInputIsRefusedWithItsLine) {
  auto run = testing::run_etguard("scan ai-fairness " + path("fair.csv") + " --group sex");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("fair.csv:1: no column sex in the header"), std::string::npos) << run.err;
  std::ofstream(path("fair.csv"), std::ios::app) << "F,yes,1,0.5\n";
  run = testing::run_etguard("scan ai-fairness " + path("fair.csv") + " --group gender");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("fair.csv:402: column 'y' must be 0 or 1"), std::string::npos) << run.err;
  run =
      testing::run_etguard("--lang zh-TW scan ai-fairness " + path("fair.csv") + " --group gender");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("欄位 'y' 必須為 0 或 1"), std::string::npos) << run.err;
  run = testing::run_etguard("scan ai-fairness " + path("missing.csv") + " --group gender");
  EXPECT_EQ(run.exit_code, 2) << run.err;
}

TEST_F(ScanAiFairnessCli, ThePrintedPolicyIsReadBackAndTunesTheJudgement) {
  auto printed = testing::run_etguard("scan ai-fairness --print-policy");
  ASSERT_EQ(printed.exit_code, 0);
  std::string policy = printed.out;
  const std::string from = "demographic_parity_ratio: {min: 0.8}";
  ASSERT_NE(policy.find(from), std::string::npos) << policy;
  // A firm that judges only the ratio, at 0.2, lets the biased log pass.
  policy =
      "limits:\n  demographic_parity_ratio: {min: 0.2}\n  demographic_parity_difference: off\n"
      "  equal_opportunity_difference: off\n  equalized_odds_difference: off\n";
  std::ofstream(path("policy.yaml")) << policy;
  auto run = testing::run_etguard("scan ai-fairness " + path("biased.csv") +
                                  " --group gender --json --policy " + path("policy.yaml"));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["policy"]["source"], path("policy.yaml"));
  std::ofstream(path("policy.yaml")) << "limits:\n  parity: {max: 1}\n";
  run = testing::run_etguard("scan ai-fairness " + path("biased.csv") +
                             " --group gender --policy " + path("policy.yaml"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("policy.yaml:2:3:"), std::string::npos) << run.err;
}

// An ONNX model's inputs, with the assessments of its feature schema; a file
// named .onnx that is not a model is refused (exit 2).
TEST_F(ScanAiFairnessCli, AnOnnxModelsInputsAreChecked) {
  const std::string models = std::string(ETG_SOURCE_DIR) + "/examples/demo-firm/models/";
  const auto run =
      testing::run_etguard("scan ai-features " + models + "robo-advisor.onnx --schema " + models +
                           "robo-advisor.features.yaml --format jsonl");
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const auto finding = nlohmann::json::parse(run.out);
  EXPECT_EQ(finding["check_id"], "ai.sensitive_parameters");
  const auto& sensitive = finding["evidence"]["sensitive"];
  ASSERT_EQ(sensitive.size(), 3U);
  EXPECT_EQ(sensitive[0]["feature"], "age_band");
  EXPECT_TRUE(sensitive[0]["assessed"].get<bool>());
  EXPECT_EQ(sensitive[1]["feature"], "gender");
  EXPECT_FALSE(sensitive[1]["assessed"].get<bool>());
  std::ofstream(path("fake.onnx")) << "not a model";
  const auto fake = testing::run_etguard("scan ai-features " + path("fake.onnx"));
  EXPECT_EQ(fake.exit_code, 2);
  EXPECT_NE(fake.err.find("not an ONNX model"), std::string::npos) << fake.err;
}

TEST_F(ScanAiFairnessCli, ImportRecordsTheEvidenceForTheAiSystem) {
  const std::string ws = path("ws");
  ASSERT_EQ(testing::run_etguard("init " + ws).exit_code, 0);
  ASSERT_EQ(testing::run_etguard("--workspace " + ws + " registers import " +
                                 std::string(ETG_SOURCE_DIR) + "/examples/demo-firm/registers.yaml")
                .exit_code,
            0);
  const auto run =
      testing::run_etguard("--workspace " + ws + " scan ai-fairness " + path("biased.csv") +
                           " --group gender --import --object ai/service-chatbot");
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find("imported 3 scan evidence records"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace etguard

namespace etguard {
namespace {

TEST(ScanAiFeaturesCli, SensitiveInputsWithoutAssessmentFailAndBadSchemasAreLocated) {
  const std::string demo =
      std::string(ETG_SOURCE_DIR) + "/examples/demo-firm/models/robo-advisor.features.yaml";
  auto run = testing::run_etguard("scan ai-features " + demo + " --format jsonl");
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const auto finding = nlohmann::json::parse(run.out);
  EXPECT_EQ(finding["check_id"], "ai.sensitive_parameters");
  EXPECT_EQ(finding["node_ids"][0], "ET-48.3");
  EXPECT_EQ(finding["reasons"], nlohmann::json::array({"AI_SENSITIVE_NOT_ASSESSED",
                                                       "AI_SENSITIVE_ASSESSMENT_INCOMPLETE"}));
  const auto dir =
      std::filesystem::temp_directory_path() / ("etg-features-cli-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "ok.json") << R"({"model": "m", "features": ["income", "tenure_months"]})";
  run = testing::run_etguard("scan ai-features " + (dir / "ok.json").string());
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  std::ofstream(dir / "bad.yaml") << "features:\n  - name: age\n    necessity: {securty: x}\n";
  run = testing::run_etguard("scan ai-features " + (dir / "bad.yaml").string());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("bad.yaml:3:17: unknown-key: unknown necessity field 'securty'"),
            std::string::npos)
      << run.err;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace etguard

namespace etguard {
namespace {

TEST(CatalogCoverageCli, ChapterEightListsEachRequirementWithItsChecksOrTheEvidenceExpected) {
  const auto run = testing::run_etguard("--json catalog coverage --chapter 8");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto doc = nlohmann::json::parse(run.out);
  EXPECT_EQ(doc["format_version"], "1.1");
  std::map<std::string, nlohmann::json> by_id;
  for (const auto& requirement : doc["requirements"]) {
    by_id[requirement["id"].get<std::string>()] = requirement;
  }
  EXPECT_EQ(by_id["ET-53.4"]["coverage"], "automated");
  EXPECT_EQ(by_id["ET-53.4"]["checks"], nlohmann::json::array({"ai.fairness"}));
  EXPECT_EQ(by_id["ET-48.3"]["checks"], nlohmann::json::array({"ai.sensitive_parameters"}));
  EXPECT_EQ(by_id["ET-48.1"]["coverage"], "partly_automated");
  EXPECT_EQ(by_id["ET-46.1"]["coverage"], "partly_automated");
  EXPECT_EQ(by_id["ET-53.2"]["partial_checks"],
            nlohmann::json::array({"pii.sensitive_data", "ai.genai_prompts"}));
  EXPECT_EQ(by_id["ET-47.1"]["coverage"], "manual");
  EXPECT_FALSE(by_id["ET-47.1"]["evidence"].empty());
  EXPECT_EQ(testing::run_etguard("catalog coverage --chapter 1").exit_code, 2);
}

}  // namespace
}  // namespace etguard
