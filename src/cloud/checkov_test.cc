// The fixtures (testdata/checkov-terraform.json and .sarif) follow the layout
// Checkov writes (checkov/common/output/report.py, record.py and sarif.py at
// commit 03d5fdad): one terraform report with three passed, three failed and
// one skipped (suppressed in the code) check; SARIF lists only the failed and
// skipped ones.
#include "cloud/checkov.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "cloud/json_document.h"
#include "cloud/mapping.h"
#include "cloud/test_input.h"

namespace etguard::cloud {
namespace {

using testing::Findings;
using testing::Seen;

Result<CodeScanSummary> read(const std::string& path, Findings& findings) {
  return read_checkov(path, testing::collecting(findings));
}

std::string fixture(const char* name) {
  return std::string(ETG_CLOUD_TESTDATA) + "/" + name;
}

TEST(Checkov, AJsonReportHandsOverPassesFailuresAndSuppressions) {
  ASSERT_TRUE(looks_like_checkov(file_head(fixture("checkov-terraform.json"))));
  ASSERT_FALSE(looks_like_checkov(file_head(fixture("prowler-aws.ocsf.json"))));
  Findings findings;
  const auto summary = read(fixture("checkov-terraform.json"), findings);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->format, "json");
  EXPECT_EQ(summary->passed, 3U);
  EXPECT_EQ(summary->failed, 3U);
  EXPECT_EQ(summary->skipped, 1U);
  EXPECT_EQ(findings.size(), 7U);
  const Seen exports = findings.at({"CKV_AWS_19", "aws_s3_bucket.exports"});
  EXPECT_EQ(exports.status, PostureStatus::kFail);
  EXPECT_EQ(exports.provider, "aws");
  EXPECT_EQ(findings.at({"CKV_AWS_19", "aws_s3_bucket.reports"}).status, PostureStatus::kPass);
  const Seen logging = findings.at({"CKV_AWS_18", "aws_s3_bucket.exports"});
  EXPECT_EQ(logging.status, PostureStatus::kFail);  // suppressed in the code: still a failure
  EXPECT_TRUE(logging.muted);
  EXPECT_NE(mapped_check(Tool::kCheckov, "CKV_AWS_19"), nullptr);
  EXPECT_EQ(mapped_check(Tool::kCheckov, "CKV_AWS_23"), nullptr);  // descriptions: unmapped
}

TEST(Checkov, SarifCarriesFailuresOnlyNamedByFileAndLine) {
  ASSERT_TRUE(looks_like_checkov(file_head(fixture("checkov-terraform.sarif"))));
  Findings findings;
  const auto summary = read(fixture("checkov-terraform.sarif"), findings);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->format, "sarif");
  EXPECT_EQ(summary->passed, 0U);
  EXPECT_EQ(summary->failed, 3U);
  EXPECT_EQ(summary->skipped, 1U);
  EXPECT_EQ(findings.at({"CKV_AWS_2", "lb.tf:1"}).status, PostureStatus::kFail);
  EXPECT_TRUE(findings.at({"CKV_AWS_18", "storage.tf:14"}).muted);
}

// What the reader says of a file holding `content`.
std::string message(const std::string& content) {
  return testing::refusal_of(content, [](const std::string& path) {
    Findings ignored;
    return read(path, ignored);
  });
}

TEST(CheckovErrors, RefusesOtherToolsReportsWithoutResultsAndChecksWithoutIds) {
  EXPECT_NE(message(R"({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "Trivy"}}}]})")
                .find("SARIF of 'trivy': etguard reads Checkov's and Trivy's SARIF"),
            std::string::npos);
  EXPECT_NE(message(R"([{"check_type": "terraform"}])").find("report 1: no results"),
            std::string::npos);
  EXPECT_NE(
      message(R"({"check_type": "terraform", "results": {"failed_checks": [{"resource": "x"}]}})")
          .find("report 1, failed_checks[0]: no check id"),
      std::string::npos);
  EXPECT_NE(message("[{\"check_type\": \"terraform\",\n\"results\": {").find(":2: (byte"),
            std::string::npos);
  EXPECT_NE(message("42").find("not a Checkov report"), std::string::npos);
  // Checkov's summary alone (nothing to check) is read, with nothing in it.
  EXPECT_EQ(message(R"({"passed": 0, "failed": 0, "checkov_version": "3.2.250"})"), "accepted");
}

}  // namespace
}  // namespace etguard::cloud
