// The fixture (testdata/securityhub-findings.json) is written in ASFF
// (SchemaVersion 2018-10-08) as `aws securityhub get-findings` returns it:
// control findings passed, failed, suppressed, archived and WARNING, one
// control etguard does not map, and a GuardDuty finding (no control).
#include "cloud/security_hub.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "cloud/json_document.h"
#include "cloud/mapping.h"
#include "cloud/test_input.h"

namespace etguard::cloud {
namespace {

struct Seen {
  PostureStatus status;
  bool muted;
  std::string account;
  std::string region;
  std::string resource;
};

Result<SecurityHubSummary> read(const std::string& path, std::map<std::string, Seen>& findings) {
  return read_security_hub(path, [&](const PostureFinding& finding) -> Status {
    findings[std::string(finding.check_id)] = {
        finding.status, finding.muted, std::string(finding.account), std::string(finding.region),
        std::string(finding.resource)};
    return {};
  });
}

std::string fixture() {
  return std::string(ETG_CLOUD_TESTDATA) + "/securityhub-findings.json";
}

TEST(SecurityHub, ControlFindingsArePlacedByAccountAndRegion) {
  ASSERT_TRUE(looks_like_security_hub(file_head(fixture())));
  ASSERT_FALSE(looks_like_security_hub(
      file_head(std::string(ETG_CLOUD_TESTDATA) + "/prowler-aws.ocsf.json")));
  std::map<std::string, Seen> findings;
  const auto summary = read(fixture(), findings);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->controls, 6U);
  EXPECT_EQ(summary->not_controls, 1U);  // GuardDuty
  EXPECT_EQ(summary->archived, 1U);      // S3.8, resolved
  EXPECT_FALSE(findings.contains("S3.8"));
  const Seen ssl = findings.at("S3.5");
  EXPECT_EQ(ssl.status, PostureStatus::kFail);
  EXPECT_EQ(ssl.account, "111122223333");
  EXPECT_EQ(ssl.region, "ap-east-2");
  EXPECT_EQ(ssl.resource, "arn:aws:s3:::trading-exports");
  EXPECT_EQ(findings.at("RDS.3").status, PostureStatus::kPass);
  EXPECT_TRUE(findings.at("IAM.5").muted);
  EXPECT_EQ(findings.at("CloudTrail.1").status, PostureStatus::kManual);  // WARNING
  EXPECT_NE(mapped_check(Tool::kSecurityHub, "S3.5"), nullptr);
  EXPECT_EQ(mapped_check(Tool::kSecurityHub, "Account.1"), nullptr);
}

// The same findings one per line (JSON Lines, as exports to S3 or a SIEM
// keep them) read alike: the file is read as a stream of values.
TEST(SecurityHub, JsonLinesOfFindingsReadAsTheExport) {
  std::map<std::string, Seen> from_export;
  ASSERT_TRUE(read(fixture(), from_export));
  const auto document = nlohmann::json::parse(std::ifstream(fixture()));
  std::string lines;
  for (const nlohmann::json& finding : document.at("Findings")) {
    lines += finding.dump() + "\n";
  }
  ASSERT_TRUE(looks_like_security_hub(lines.substr(0, 65536)));
  std::map<std::string, Seen> from_lines;
  const std::string outcome = testing::refusal_of(lines, [&](const std::string& path) {
    auto summary = read(path, from_lines);
    EXPECT_TRUE(summary && summary->controls == 6U && summary->archived == 1U);
    return summary;
  });
  EXPECT_EQ(outcome, "accepted");
  ASSERT_EQ(from_lines.size(), from_export.size());
  for (const auto& [control, seen] : from_export) {
    EXPECT_EQ(from_lines.at(control).status, seen.status) << control;
    EXPECT_EQ(from_lines.at(control).resource, seen.resource) << control;
  }
}

// What the reader says of a file holding `content`.
std::string message(const std::string& content) {
  return testing::refusal_of(content, [](const std::string& path) {
    std::map<std::string, Seen> ignored;
    return read(path, ignored);
  });
}

TEST(SecurityHubErrors, RefusesWhatIsNotAnAsffExport) {
  EXPECT_NE(message(R"({"NextToken": "x"})").find("no findings"), std::string::npos);
  EXPECT_NE(message(R"({"Findings": [{"Id": "x"}]})")
                .find("finding 1: not an ASFF finding (no AwsAccountId)"),
            std::string::npos);
  EXPECT_NE(message(R"([{"AwsAccountId": "1", "Compliance": {"Status": "OK",
                "SecurityControlId": "S3.5"}}])")
                .find("finding 1: Compliance.Status 'OK' is none of PASSED"),
            std::string::npos);
  const std::string truncated = message("{\"Findings\": [\n{\"AwsAccountId\": ");
  EXPECT_NE(truncated.find(":1: (byte 0) the file ends inside this value"), std::string::npos)
      << truncated;
  EXPECT_EQ(message(R"({"Findings": []})"), "accepted");
}

}  // namespace
}  // namespace etguard::cloud
