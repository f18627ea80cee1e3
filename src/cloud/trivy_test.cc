// The fixtures (testdata/trivy-terraform.json and .sarif) follow the layout
// Trivy writes (pkg/types/misconfiguration.go and pkg/report/sarif.go of
// aquasecurity/trivy): a `trivy fs --scanners misconfig,vuln
// --include-non-failures` report of Terraform with passes, failures and an
// exception, a Dockerfile check and a vulnerability; SARIF lists failures
// and vulnerabilities only.
#include "cloud/trivy.h"

#include <gtest/gtest.h>

#include "cloud/checkov.h"
#include "cloud/json_document.h"
#include "cloud/mapping.h"
#include "cloud/security_hub.h"
#include "cloud/test_input.h"

namespace etguard::cloud {
namespace {

using testing::Findings;
using testing::Seen;

std::string trivy_fixture(const char* name) {
  return std::string(ETG_CLOUD_TESTDATA) + "/" + name;
}

Result<CodeScanSummary> read_trivy_into(const std::string& path, Findings& findings) {
  return read_trivy(path, testing::collecting(findings));
}

TEST(Trivy, ToldApartFromAsffAndCheckovThoughTheyShareKeys) {
  const std::string json = file_head(trivy_fixture("trivy-terraform.json"));
  const std::string sarif = file_head(trivy_fixture("trivy-terraform.sarif"));
  EXPECT_TRUE(looks_like_trivy(json));
  EXPECT_TRUE(looks_like_security_hub(json));  // "SchemaVersion": Trivy is asked first
  EXPECT_TRUE(looks_like_trivy(sarif));
  EXPECT_FALSE(looks_like_trivy(file_head(trivy_fixture("checkov-terraform.sarif"))));
  EXPECT_FALSE(looks_like_trivy(file_head(trivy_fixture("securityhub-findings.json"))));
}

TEST(Trivy, AJsonReportHandsOverCloudChecksByTheirPublishedIds) {
  Findings findings;
  const auto summary = read_trivy_into(trivy_fixture("trivy-terraform.json"), findings);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->tool, Tool::kTrivy);
  EXPECT_EQ(summary->format, "json");
  EXPECT_EQ(summary->passed, 2U);
  EXPECT_EQ(summary->failed, 2U);
  EXPECT_EQ(summary->skipped, 1U);
  EXPECT_EQ(summary->not_checks, 2U);  // the Dockerfile check and the CVE
  EXPECT_EQ(findings.size(), 5U);
  const Seen keys = findings.at({"AWS-0132", "aws_s3_bucket.data"});  // from AVD-AWS-0132
  EXPECT_EQ(keys.status, PostureStatus::kFail);
  EXPECT_EQ(keys.provider, "aws");
  EXPECT_EQ(findings.at({"AWS-0086", "aws_s3_bucket_public_access_block.data"}).status,
            PostureStatus::kPass);
  const Seen excepted = findings.at({"AWS-0107", "network.tf:4"});  // no resource: file and line
  EXPECT_EQ(excepted.status, PostureStatus::kFail);
  EXPECT_TRUE(excepted.muted);
  EXPECT_NE(mapped_check(Tool::kTrivy, "AWS-0132"), nullptr);
  EXPECT_EQ(mapped_check(Tool::kTrivy, "AWS-0049"), nullptr);  // descriptions: unmapped
}

TEST(Trivy, SarifCarriesFailuresOnlyAndCountsVulnerabilities) {
  Findings findings;
  const auto summary = read_trivy_into(trivy_fixture("trivy-terraform.sarif"), findings);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->format, "sarif");
  EXPECT_EQ(summary->passed, 0U);
  EXPECT_EQ(summary->failed, 2U);
  EXPECT_EQ(summary->not_checks, 1U);
  EXPECT_EQ(findings.at({"AWS-0089", "storage.tf:1"}).status, PostureStatus::kFail);
}

std::string trivy_refusal(const std::string& content) {
  return testing::refusal_of(content, [](const std::string& path) {
    Findings ignored;
    return read_trivy_into(path, ignored);
  });
}

TEST(TrivyErrors, RefusesUnknownStatusesChecksWithoutIdsAndOtherShapes) {
  EXPECT_NE(trivy_refusal(R"({"ArtifactName": "x", "Results": [{"Misconfigurations": [
              {"ID": "AWS-0086", "Status": "WARN"}]}]})")
                .find("Results[0].Misconfigurations[0]: status 'WARN' is none of PASS"),
            std::string::npos);
  EXPECT_NE(trivy_refusal(R"({"ArtifactName": "x", "Results": [{"Misconfigurations": [
              {"Status": "FAIL"}]}]})")
                .find("Results[0].Misconfigurations[0]: no ID"),
            std::string::npos);
  EXPECT_NE(trivy_refusal(R"({"runs": [{"tool": {"driver": {"name": "Checkov"}}}]})")
                .find("run 1: SARIF of 'checkov'"),
            std::string::npos);
  EXPECT_NE(trivy_refusal(R"({"runs": [{"tool": {"driver": {"name": "Trivy"}},
              "results": [{"level": "error"}]}]})")
                .find("run 1, results[0]: no ruleId"),
            std::string::npos);
  EXPECT_NE(trivy_refusal("{\"ArtifactName\": \"x\",\n\"Results\": [").find(":2: (byte"),
            std::string::npos);
  EXPECT_NE(trivy_refusal("[]").find("not a Trivy report"), std::string::npos);
  // A clean report (no Results) is read, with nothing in it.
  EXPECT_EQ(trivy_refusal(R"({"SchemaVersion": 2, "ArtifactName": "infra"})"), "accepted");
}

}  // namespace
}  // namespace etguard::cloud
