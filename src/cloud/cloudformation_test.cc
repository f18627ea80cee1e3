#include "cloud/cloudformation.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "cloud/mapping.h"
#include "cloud/test_input.h"

namespace etguard::cloud {
namespace {

using Findings = std::map<std::pair<std::string, std::string>, PostureStatus>;  // (rule, id)

// The logical id of a finding's resource ("RDSDBInstanceBad (line 11)").
std::string logical_id(std::string_view resource) {
  return std::string(resource.substr(0, resource.find(' ')));
}

// The tests trust ECR of account 111122223333 (make-templates.py).
Result<IacSummary> read(const std::string& path, Findings& findings) {
  return read_cloudformation(
      path,
      [&](const PostureFinding& finding) -> Status {
        findings[{std::string(finding.check_id), logical_id(finding.resource)}] = finding.status;
        return {};
      },
      {.trusted_registries = {"111122223333.dkr.ecr.ap-east-2.amazonaws.com"}});
}

std::string fixture(const char* name) {
  return std::string(ETG_CLOUD_TESTDATA) + "/" + name;
}

// "AWS::RDS::DBInstance" -> "RDSDBInstance", as make-templates.py names them.
std::string short_name(std::string_view type) {
  std::string name;
  for (std::size_t at = type.find("::"); at != std::string_view::npos;
       at = type.find("::", at + 2)) {
    const std::size_t next = type.find("::", at + 2);
    name += type.substr(at + 2, next == std::string_view::npos ? next : next - at - 2);
  }
  return name;
}

TEST(CloudFormation, EveryRuleJudgedBothWaysAndIntrinsicsNotJudged) {
  Findings findings;
  const auto summary = read(fixture("cfn-template.yaml"), findings);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->format_version, "2010-09-09");
  EXPECT_EQ(summary->sha256.size(), 64U);
  std::set<std::string_view> types;
  for (const IacRule& rule : rules_of(Tool::kCloudformation)) {
    const std::string name = short_name(rule.resource_type);
    ASSERT_TRUE(findings.contains({std::string(rule.id), name + "Good"})) << rule.id;
    EXPECT_EQ(findings.at({std::string(rule.id), name + "Good"}), PostureStatus::kPass) << rule.id;
    EXPECT_EQ(findings.at({std::string(rule.id), name + "Bad"}), PostureStatus::kFail) << rule.id;
    EXPECT_NE(mapped_check(Tool::kCloudformation, rule.id), nullptr) << rule.id;
    types.insert(rule.resource_type);
  }
  EXPECT_GE(types.size(), 13U);
  // !Ref VolumeKey and a long-form Fn::If are known only at deployment.
  EXPECT_EQ(findings.at({"AWS::EC2::Volume.KmsKeyId", "PendingVolume"}), PostureStatus::kManual);
  EXPECT_EQ(findings.at({"AWS::EC2::Volume.Encrypted", "PendingVolume"}), PostureStatus::kPass);
  EXPECT_EQ(findings.at({"AWS::S3::Bucket.BucketEncryption", "ConditionalBucket"}),
            PostureStatus::kManual);
  EXPECT_EQ(summary->unknown, 2U);
  EXPECT_EQ(summary->not_judged.at("AWS::EC2::SecurityGroup"), 1U);
  EXPECT_EQ(summary->resources, 2 * types.size() + 3);
}

TEST(CloudFormation, AJsonTemplateReadsAlike) {
  Findings findings;
  const auto summary = read(fixture("cfn-template.json"), findings);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(findings.at({"AWS::KMS::Key.EnableKeyRotation", "KMSKeyGood"}), PostureStatus::kPass);
  EXPECT_EQ(findings.at({"AWS::KMS::Key.EnableKeyRotation", "KMSKeyBad"}), PostureStatus::kFail);
  EXPECT_EQ(findings.at({"AWS::KMS::Key.EnableKeyRotation", "KeyOfParameter"}),
            PostureStatus::kManual);
}

// What the reader says of a file holding `content`.
std::string message(const std::string& content) {
  return testing::refusal_of(content, [](const std::string& path) {
    Findings ignored;
    return read(path, ignored);
  });
}

TEST(CloudFormationErrors, RefusesWhatIsNotATemplateWithItsLine) {
  EXPECT_NE(message("Description: x\n").find("no Resources mapping: not a CloudFormation template"),
            std::string::npos);
  EXPECT_NE(
      message("Resources:\n  Key:\n    Properties: {}\n").find(":2:3: resource 'Key' has no Type"),
      std::string::npos);
  EXPECT_NE(message("Resources:\n  Key: [\n").find("yaml"), std::string::npos);
}

}  // namespace
}  // namespace etguard::cloud
