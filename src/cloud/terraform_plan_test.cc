#include "cloud/terraform_plan.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "cloud/mapping.h"
#include "cloud/test_input.h"

namespace etguard::cloud {
namespace {

struct Judged {
  PostureStatus status;
  std::string region;
};

using Findings = std::map<std::pair<std::string, std::string>, Judged>;  // (rule, address)

// The registries the fixtures' good images come from (make-plans.py).
const RuleContext kTrusting{.trusted_registries = {"111122223333.dkr.ecr.ap-east-2.amazonaws.com",
                                                   "asia-east1-docker.pkg.dev/firm/",
                                                   "https://firm.azurecr.io"}};

Result<IacSummary> read(const std::string& path, Findings& findings,
                        const RuleContext& context = kTrusting) {
  return read_terraform_plan(
      path,
      [&](const PostureFinding& finding) -> Status {
        findings[{std::string(finding.check_id), std::string(finding.resource)}] = {
            finding.status, std::string(finding.region)};
        return {};
      },
      context);
}

std::string fixture(const char* name) {
  return std::string(ETG_CLOUD_TESTDATA) + "/" + name;
}

TEST(TerraformPlan, EveryRuleJudgedBothWaysOnTheThreeClouds) {
  Findings findings;
  for (const char* plan :
       {"plan-aws.json", "plan-azure.json", "plan-gcp.json", "plan-aws-account.json"}) {
    const auto summary = read(fixture(plan), findings);
    ASSERT_TRUE(summary) << summary.error().message;
    EXPECT_EQ(summary->format_version, "1.2");
    EXPECT_EQ(summary->tool_version, "1.9.8");
    EXPECT_EQ(summary->sha256.size(), 64U);
  }
  std::set<std::string_view> types;
  for (const IacRule& rule : rules_of(Tool::kTerraform)) {
    const std::string type(rule.resource_type);
    const auto good = findings.find({std::string(rule.id), type + ".good"});
    const auto bad = findings.find({std::string(rule.id), type + ".bad"});
    ASSERT_NE(good, findings.end()) << rule.id;
    ASSERT_NE(bad, findings.end()) << rule.id;
    EXPECT_EQ(good->second.status, PostureStatus::kPass) << rule.id;
    EXPECT_EQ(bad->second.status, PostureStatus::kFail) << rule.id;
    types.insert(rule.resource_type);
    ASSERT_NE(mapped_check(Tool::kTerraform, rule.id), nullptr) << rule.id;
  }
  EXPECT_GE(types.size(), 24U);
}

// Art. 8.4.1: images from the registries the service trusts, pinned by
// digest. A look-alike host or a sibling project is not trusted; without the
// register's list the registry rule is not judged, the digest rule still is.
TEST(TerraformPlan, ContainerImagesJudgedAgainstTheServicesTrustedRegistries) {
  Findings findings;
  ASSERT_TRUE(read(fixture("plan-azure.json"), findings));
  EXPECT_EQ(
      findings.at({"azurerm_container_app.image_registry", "azurerm_container_app.bad"}).status,
      PostureStatus::kFail);  // firm.azurecr.io.evil.example
  Findings gcp;
  ASSERT_TRUE(read(fixture("plan-gcp.json"), gcp));
  EXPECT_EQ(
      gcp.at({"google_cloud_run_v2_service.image_registry", "google_cloud_run_v2_service.bad"})
          .status,
      PostureStatus::kFail);  // one of two containers from .../firmx
  Findings untrusting;
  const auto summary = read(fixture("plan-aws.json"), untrusting, {});
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->unregistered, 2U);
  EXPECT_EQ(
      untrusting.at({"aws_ecs_task_definition.image_registry", "aws_ecs_task_definition.good"})
          .status,
      PostureStatus::kManual);
  EXPECT_EQ(
      untrusting.at({"aws_ecs_task_definition.image_digest", "aws_ecs_task_definition.bad"}).status,
      PostureStatus::kFail);
}

// A bucket is covered by a public access block that refers to it in its
// configuration, or by an account-wide block that passes its own rules.
TEST(TerraformPlan, ABucketNeedsAPublicAccessBlockOfItsOwnOrTheAccounts) {
  Findings findings;
  ASSERT_TRUE(read(fixture("plan-aws-account.json"), findings));
  EXPECT_EQ(findings.at({"aws_s3_bucket.public_access_block", "aws_s3_bucket.shared"}).status,
            PostureStatus::kPass);
  Findings own;
  ASSERT_TRUE(read(fixture("plan-aws.json"), own));
  EXPECT_EQ(own.at({"aws_s3_bucket.public_access_block", "aws_s3_bucket.good"}).status,
            PostureStatus::kPass);
  EXPECT_EQ(own.at({"aws_s3_bucket.public_access_block", "aws_s3_bucket.bad"}).status,
            PostureStatus::kFail);
}

TEST(ImageRules, DockerHubImagesAndRegistryPrefixesAsDockerReadsThem) {
  const IacRule registry{"t.image_registry", "t",     "image", Condition::kTrustedRegistry, "",
                         "trusted",          "受信任"};
  const auto holds = [&](const char* image, std::vector<std::string> trusted) {
    return rule_holds(registry, {.present = true, .text = image, .number = {}},
                      {.trusted_registries = std::move(trusted)});
  };
  EXPECT_TRUE(holds("nginx:1.27", {"docker.io/library"}));
  EXPECT_FALSE(holds("someone/nginx:1.27", {"docker.io/library"}));
  EXPECT_TRUE(holds("someone/nginx", {"docker.io/someone"}));
  EXPECT_TRUE(holds("localhost:5000/app", {"localhost:5000"}));
  EXPECT_FALSE(holds("ghcr.io/firmware/app", {"ghcr.io/firm"}));
  EXPECT_FALSE(holds("nginx", {}));
  const IacRule pinned{"t.image_digest", "t",   "image", Condition::kDigestPinned, "",
                       "pinned",         "固定"};
  EXPECT_TRUE(rule_holds(
      pinned, {.present = true, .text = "a/b@sha256:" + std::string(64, 'a'), .number = {}}));
  EXPECT_FALSE(rule_holds(pinned, {.present = true, .text = "a/b@sha256:abc", .number = {}}));
  EXPECT_FALSE(rule_holds(pinned, {.present = true, .text = "a/b:latest", .number = {}}));
}

TEST(TerraformPlan, RegionsModulesUnknownValuesAndUnjudgedTypes) {
  Findings findings;
  const auto summary = read(fixture("plan-aws.json"), findings);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->not_judged.at("aws_security_group"), 1U);
  EXPECT_EQ(summary->resources, 30U);
  EXPECT_EQ(summary->judged, 29U);
  const auto pending = findings.at({"aws_db_instance.kms_key_id", "aws_db_instance.pending"});
  EXPECT_EQ(pending.status, PostureStatus::kManual);  // known only after apply
  EXPECT_EQ(summary->unknown, 1U);
  EXPECT_EQ(findings.at({"aws_db_instance.storage_encrypted", "aws_db_instance.good"}).region,
            "ap-east-2");
  EXPECT_EQ(findings.at({"aws_ebs_volume.encrypted", "aws_ebs_volume.tokyo"}).region,
            "ap-northeast-1");
  EXPECT_EQ(findings
                .at({"aws_s3_bucket_public_access_block.block_public_acls",
                     "module.logs.aws_s3_bucket_public_access_block.logs"})
                .status,
            PostureStatus::kPass);
  Findings gcp;
  ASSERT_TRUE(read(fixture("plan-gcp.json"), gcp));
  EXPECT_EQ(gcp.at({"google_storage_bucket.public_access_prevention", "google_storage_bucket.good"})
                .region,
            "asia-east1");
  Findings azure;
  ASSERT_TRUE(read(fixture("plan-azure.json"), azure));
  EXPECT_EQ(
      azure.at({"azurerm_key_vault.purge_protection_enabled", "azurerm_key_vault.bad"}).region,
      "taiwannorth");
}

// What the reader says of a file holding `content`.
std::string message(const std::string& content) {
  return testing::refusal_of(content, [](const std::string& path) {
    Findings ignored;
    return read(path, ignored);
  });
}

TEST(TerraformPlanErrors, RefusesWhatIsNotAPlanOfAKnownFormat) {
  EXPECT_NE(message("{\"format_version\": \"2.0\", \"planned_values\": {\"root_module\": {}}}")
                .find("plan format_version '2.0': etguard reads 0.x and 1.x"),
            std::string::npos);
  EXPECT_NE(
      message("{\"format_version\": \"1.2\"}").find("no planned_values: not a Terraform plan"),
      std::string::npos);
  EXPECT_NE(message("{\n\"format_version\": \"1.2\",\n\"planned_values\": tru}").find(":3: (byte"),
            std::string::npos);
  EXPECT_NE(
      message("{\n\"format_version\": \"1.2\",\n\"planned_values\": tru}").find("not valid JSON"),
      std::string::npos);
}

TEST(TerraformPlanErrors, ANumberTooLargeIsRefusedNotThrown) {
  EXPECT_NE(message("{\"format_version\": \"1.2\", \"n\": 1" + std::string(400, '0') + "}")
                .find("not valid JSON"),
            std::string::npos);
}

TEST(TerraformPlanErrors, AnyShapeOfMembersIsReadWithoutAssumingIt) {
  // Members of the wrong type (found by the fuzz target): counted, not judged.
  EXPECT_EQ(message(R"({"format_version": "1.2", "terraform_version": 12,
      "planned_values": {"root_module": {"resources": [
        {"mode": "managed", "type": 7, "address": ["x"], "values": "v"}, 5, "managed"],
        "child_modules": {"a": 1}}},
      "resource_changes": {"a": 1}, "configuration": []})"),
            "accepted");
}

}  // namespace
}  // namespace etguard::cloud
