// The fixture (testdata/scc-findings.json) is written as `gcloud scc
// findings list ORGANIZATION --format=json` returns ListFindingsResults
// (finding and resource, API v1): Security Health Analytics findings of two
// projects — active, muted, inactive and of unspecified state — an unmapped
// category, a threat, an organization's finding and a finding of a project
// no service registers.
#include "cloud/security_command_center.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "cloud/azure_policy.h"
#include "cloud/json_document.h"
#include "cloud/mapping.h"
#include "cloud/security_hub.h"
#include "cloud/tally.h"
#include "cloud/test_input.h"

namespace etguard::cloud {
namespace {

struct Seen {
  PostureStatus status;
  bool muted;
  std::string account;
  std::string alias;
  std::string region;
};

using Findings = std::map<std::string, Seen>;  // by category

Result<SecurityCommandCenterSummary> read_findings(const std::string& path, Findings& findings) {
  return read_security_command_center(path, [&](const PostureFinding& finding) -> Status {
    findings[std::string(finding.check_id)] = {
        finding.status, finding.muted, std::string(finding.account),
        std::string(finding.account_alias), std::string(finding.region)};
    return {};
  });
}

std::string findings_fixture() {
  return std::string(ETG_CLOUD_TESTDATA) + "/scc-findings.json";
}

TEST(SecurityCommandCenter, FindingsArePlacedByProjectAndJudgedByState) {
  const std::string head = file_head(findings_fixture());
  ASSERT_TRUE(looks_like_security_command_center(head));
  EXPECT_FALSE(looks_like_security_hub(head));
  EXPECT_FALSE(looks_like_azure_policy(head));
  EXPECT_FALSE(looks_like_security_command_center(
      file_head(std::string(ETG_CLOUD_TESTDATA) + "/prowler-aws.ocsf.json")));
  Findings findings;
  const auto summary = read_findings(findings_fixture(), findings);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->active, 7U);
  EXPECT_EQ(summary->muted, 1U);
  EXPECT_EQ(summary->inactive, 3U);
  EXPECT_EQ(summary->unspecified, 1U);
  EXPECT_EQ(summary->not_configuration, 1U);  // the threat
  EXPECT_EQ(findings.size(), 11U);
  EXPECT_FALSE(findings.contains("Persistence: IAM Anomalous Grant"));

  const Seen& ssh = findings.at("OPEN_SSH_PORT");
  EXPECT_EQ(ssh.status, PostureStatus::kFail);
  EXPECT_FALSE(ssh.muted);
  EXPECT_EQ(ssh.account, "etg-analytics-prod");
  EXPECT_EQ(ssh.alias, "740213958861");
  EXPECT_EQ(ssh.region, "global");
  const Seen& ssl = findings.at("SSL_NOT_ENFORCED");
  EXPECT_EQ(ssl.status, PostureStatus::kFail);  // muted: still a failure
  EXPECT_TRUE(ssl.muted);
  EXPECT_EQ(ssl.region, "asia-east1");
  EXPECT_EQ(findings.at("PUBLIC_BUCKET_ACL").status, PostureStatus::kPass);
  EXPECT_FALSE(findings.at("PUBLIC_BUCKET_ACL").muted);
  EXPECT_EQ(findings.at("OS_VULNERABILITY").status, PostureStatus::kManual);
  const Seen& mfa = findings.at("MFA_NOT_ENFORCED");
  EXPECT_EQ(mfa.account, "organizations/595779152576");
  EXPECT_EQ(mfa.alias, "");

  const MappedCheck* mapped = mapped_check(Tool::kSecurityCommandCenter, "OPEN_SSH_PORT");
  ASSERT_NE(mapped, nullptr);
  EXPECT_EQ(mapped->topic, Topic::kAccess);
  EXPECT_EQ(mapped_check(Tool::kSecurityCommandCenter, "SSL_NOT_ENFORCED")->topic,
            Topic::kEncryption);
  EXPECT_EQ(mapped_check(Tool::kSecurityCommandCenter, "LABELS_NOT_USED"), nullptr);  // billing
}

// A service may register a project by its id or by its number: the number
// is the finding's account alias.
TEST(SecurityCommandCenter, AProjectRegisteredByItsNumberIsFound) {
  PostureTally tally(
      std::vector<RegisteredService>{{.id = "analytics", .accounts = {"etg-analytics-prod"}},
                                     {.id = "hr", .accounts = {"318846120557"}},
                                     {.id = "org", .accounts = {"organizations/595779152576"}}});
  auto summary = read_security_command_center(findings_fixture(), [&](const PostureFinding& f) {
    tally.add(Tool::kSecurityCommandCenter, f);
    return Status{};
  });
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(tally.per_service()[0].findings, 7U);
  EXPECT_EQ(tally.per_service()[1].findings, 2U);
  EXPECT_EQ(tally.per_service()[1].checks.at("PUBLIC_IP_ADDRESS").failed, 1U);
  EXPECT_EQ(tally.per_service()[2].findings, 1U);
  EXPECT_EQ(tally.unassigned().at("etg-sandbox"), 1U);
}

// The REST API's pages ({"listFindingsResults": [...]}) and exported JSON
// Lines read as gcloud's array.
TEST(SecurityCommandCenter, RestPagesAndJsonLinesReadAsTheCliOutput) {
  Findings from_cli;
  ASSERT_TRUE(read_findings(findings_fixture(), from_cli));
  const auto results = nlohmann::json::parse(std::ifstream(findings_fixture()));
  const nlohmann::json first_page = {
      {"listFindingsResults", nlohmann::json(results.begin(), results.begin() + 5)},
      {"nextPageToken", "AbCd"},
      {"totalSize", results.size()}};
  const nlohmann::json second_page = {
      {"listFindingsResults", nlohmann::json(results.begin() + 5, results.end())}};
  std::string lines;
  for (const nlohmann::json& result : results) {
    lines += result.dump() + "\n";
  }
  for (const std::string& content : {first_page.dump() + "\n" + second_page.dump() + "\n", lines}) {
    Findings read;
    EXPECT_EQ(testing::refusal_of(
                  content, [&](const std::string& path) { return read_findings(path, read); }),
              "accepted");
    EXPECT_EQ(read.size(), from_cli.size());
  }
}

// A notification exported through Pub/Sub spells the finding "findings" and
// the resource's keys in snake case; a bare finding is read as itself.
TEST(SecurityCommandCenter, ExportedNotificationsAndBareFindingsAreRead) {
  const std::string content =
      R"({"notificationConfigName": "organizations/1/notificationConfigs/c",
          "findings": {"category": "SQL_PUBLIC_IP", "state": "ACTIVE", "mute": "MUTED",
                       "parent": "organizations/1/sources/2",
                       "resourceName": "//cloudsql.googleapis.com/projects/p/instances/db"},
          "resource": {"project_display_name": "etg-hr-prod",
                       "project_name": "//cloudresourcemanager.googleapis.com/projects/12"}}
         {"category": "FLOW_LOGS_DISABLED", "state": "INACTIVE",
          "parent": "folders/77/sources/2", "resourceName": "//compute.googleapis.com/x"}
)";
  Findings read;
  EXPECT_EQ(testing::refusal_of(content,
                                [&](const std::string& path) { return read_findings(path, read); }),
            "accepted");
  ASSERT_EQ(read.size(), 2U);
  const Seen& sql = read.at("SQL_PUBLIC_IP");
  EXPECT_EQ(sql.account, "etg-hr-prod");
  EXPECT_EQ(sql.alias, "12");
  EXPECT_TRUE(sql.muted);
  EXPECT_EQ(read.at("FLOW_LOGS_DISABLED").account, "folders/77");
  EXPECT_EQ(read.at("FLOW_LOGS_DISABLED").status, PostureStatus::kPass);
}

std::string findings_refusal(const std::string& content) {
  return testing::refusal_of(content, [](const std::string& path) {
    Findings ignored;
    return read_findings(path, ignored);
  });
}

TEST(SecurityCommandCenterErrors, RefusesFindingsItCannotJudge) {
  EXPECT_NE(findings_refusal(R"([{"finding": {"state": "ACTIVE"}, "resource": {}}])")
                .find("finding 1: not a Security Command Center finding (no finding.category)"),
            std::string::npos);
  EXPECT_NE(findings_refusal(R"([{"finding": {"category": "OPEN_SSH_PORT", "state": "ACTIVE"}},
                                 {"finding": {"category": "X", "state": "OPEN"}}])")
                .find("finding 2: state 'OPEN' is none of ACTIVE, INACTIVE, STATE_UNSPECIFIED"),
            std::string::npos);
  EXPECT_NE(findings_refusal(R"([{"finding": 42}])")
                .find("finding 1: not a Security Command Center finding"),
            std::string::npos);
  EXPECT_NE(findings_refusal("[42]").find("expected an object '{'"), std::string::npos);
  EXPECT_NE(findings_refusal("[{\"finding\": \n").find("ends inside this value"),
            std::string::npos);
  EXPECT_EQ(findings_refusal("[]"), "accepted");
}

}  // namespace
}  // namespace etguard::cloud
