#include "report/data_report.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "report/oscal_results.h"
#include "report/report_test_support.h"

namespace etguard::report {
namespace {

class DataReportTest : public ReportFixture {
 protected:
  void SetUp() override {
    registers_ = firm();
    results_ = {{"ET-41", "org", assess::ResultStatus::kCompliant, "hr",
                 "training, \"deepfake\" module", "", "", "2025-10-01"},
                {"ET-12.1", "org", assess::ResultStatus::kNonCompliant, "pr", "policy not reviewed",
                 "", "", "2026-11-01"}};
    evidence_ = {{7, "scan", std::string(64, 'b'), 120, "tls.protocol web:443", "", "ET-41", "org",
                  "2026-11-20", "2026-11-20", "officer", "2026-11-20T08:00:00.000Z", "tls.protocol",
                  Verdict::kPass}};
    compute_lines();
  }
};

TEST_F(DataReportTest, JsonIsVersionedAndCountsEveryPair) {
  const auto json = json_report(input());
  EXPECT_EQ(json["format"], "etguard.report");
  EXPECT_EQ(json["format_version"], "1.0");
  EXPECT_EQ(json["as_of"], "2026-11-26");
  EXPECT_EQ(json["summary"]["pairs"], lines_.size());
  EXPECT_EQ(json["summary"]["by_status"]["compliant"], 1);
  EXPECT_EQ(json["summary"]["by_status"]["non_compliant"], 1);
  int total = 0;
  for (const auto& [status, count] : json["summary"]["by_status"].items()) {
    total += count.get<int>();
  }
  EXPECT_EQ(total, static_cast<int>(lines_.size()));
  EXPECT_EQ(json["ledger"]["ok"], true);
  EXPECT_EQ(json["evidence"][0]["verdict"], "pass");
  bool found = false;
  for (const auto& row : json["results"]) {
    if (row["requirement"] == "ET-41") {
      found = true;
      EXPECT_EQ(row["assessed_on"], "2025-10-01");
      EXPECT_EQ(row["status"], "compliant");
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(DataReportTest, CsvQuotesAndUsesTheChosenLanguage) {
  const std::string en = csv_report(input());
  EXPECT_TRUE(en.starts_with("\xEF\xBB\xBFRequirement,Title,Obligation,Object,Status"));
  EXPECT_NE(en.find("\"training, \"\"deepfake\"\" module\""), std::string::npos);
  EXPECT_NE(en.find("\r\n"), std::string::npos);
  const std::string zh = csv_report(input(Lang::kZhTw));
  EXPECT_TRUE(zh.starts_with("\xEF\xBB\xBF要求,標題,義務,對象,狀態"));
  EXPECT_NE(zh.find("符合"), std::string::npos);
}

TEST_F(DataReportTest, XlsxIsAZipWrittenAtomically) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("etg-report-" + std::to_string(::getpid()) + ".xlsx");
  ASSERT_TRUE(write_xlsx_report(input(Lang::kZhTw), path));
  std::ifstream in(path, std::ios::binary);
  char magic[2] = {};
  in.read(magic, 2);
  EXPECT_EQ(std::string(magic, 2), "PK");
  EXPECT_GT(std::filesystem::file_size(path), 4000U);
  std::filesystem::remove(path);
}

TEST_F(DataReportTest, OscalFindingsTargetCatalogStatementsWithTheirEvidence) {
  auto oscal = oscal_assessment_results(input());
  ASSERT_TRUE(oscal) << oscal.error().message;
  const auto& result = (*oscal)["assessment-results"]["results"][0];
  ASSERT_EQ(result["findings"].size(), 2U);  // only assessed pairs are findings
  for (const auto& finding : result["findings"]) {
    if (finding["target"]["target-id"] == "ET-41_smt") {
      EXPECT_EQ(finding["target"]["status"]["state"], "satisfied");
      EXPECT_EQ(finding["related-observations"][0]["observation-uuid"],
                result["observations"][0]["uuid"]);
    } else {
      EXPECT_EQ(finding["target"]["target-id"], "ET-12.1_smt");
      EXPECT_EQ(finding["target"]["status"]["state"], "not-satisfied");
      EXPECT_EQ(finding["target"]["status"]["reason"], "fail");
    }
  }
  EXPECT_EQ(result["observations"][0]["methods"][0], "TEST");
  EXPECT_EQ(result["observations"][0]["collected"], "2026-11-20T08:00:00.000Z");
  // Stable identifiers: the same workspace state gives the same document.
  EXPECT_EQ(*oscal, *oscal_assessment_results(input()));
}

}  // namespace
}  // namespace etguard::report
