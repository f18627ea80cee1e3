// The seven topic checks judge alike from their mapped tool checks; each is
// run through the same cases with two Prowler checks of its own topic.
// (cloud.location, which also judges regions, has its own tests.)
#include <gtest/gtest.h>

#include "checks/cloud/access/check.h"
#include "checks/cloud/backup/check.h"
#include "checks/cloud/encryption/check.h"
#include "checks/cloud/keys/check.h"
#include "checks/cloud/logging/check.h"
#include "checks/cloud/posture/check.h"
#include "checks/cloud/test_service.h"
#include "checks/cloud/threats/check.h"

namespace etguard::cloud_checks {
namespace {

using cloud::PostureStatus;
using testing::has_reason;
using testing::TestService;

struct TopicCase {
  const char* name;
  std::optional<check::Assessment> (*evaluate)(const CloudEvidence&);
  const char* first;   // a Prowler check mapped to the topic
  const char* second;  // another
};

class TopicCheck : public ::testing::TestWithParam<TopicCase> {};

TEST_P(TopicCheck, PassesWhenItsToolChecksPassed) {
  const TopicCase& topic = GetParam();
  const TestService test({{topic.first, PostureStatus::kPass},
                          {topic.second, PostureStatus::kPass},
                          {"s3_bucket_no_such_check", PostureStatus::kFail}});
  const auto assessment = topic.evaluate(test.evidence);
  ASSERT_TRUE(assessment);
  EXPECT_EQ(assessment->verdict, Verdict::kPass);
  EXPECT_EQ(assessment->evidence["passed"], 2);
  EXPECT_EQ(assessment->evidence["tool_checks"].size(), 2U);
}

TEST_P(TopicCheck, FailsNamingTheToolCheckAndResources) {
  const TopicCase& topic = GetParam();
  const TestService test({{topic.first, PostureStatus::kPass},
                          {topic.second, PostureStatus::kFail, "ap-east-2", "arn:aws:x:bad"}});
  const auto assessment = topic.evaluate(test.evidence);
  ASSERT_TRUE(assessment);
  EXPECT_EQ(assessment->verdict, Verdict::kFail);
  ASSERT_TRUE(has_reason(*assessment, "CLOUD_TOOL_CHECK_FAILED"));
  EXPECT_NE(
      assessment->reasons.front().en.find(std::string(topic.second) + " failed on 1 resource(s)"),
      std::string::npos);
  EXPECT_NE(assessment->reasons.front().en.find("arn:aws:x:bad"), std::string::npos);
}

TEST_P(TopicCheck, AMutedFailureStillFailsAndOnlyManualIsNotJudged) {
  const TopicCase& topic = GetParam();
  const TestService muted({{topic.first, PostureStatus::kFail, "ap-east-2", "arn:r", true}});
  const auto failed = topic.evaluate(muted.evidence);
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->verdict, Verdict::kFail);
  EXPECT_TRUE(has_reason(*failed, "CLOUD_TOOL_FAILURE_MUTED"));
  const TestService manual({{topic.first, PostureStatus::kManual}});
  const auto unjudged = topic.evaluate(manual.evidence);
  ASSERT_TRUE(unjudged);
  EXPECT_EQ(unjudged->verdict, Verdict::kError);
  const TestService other({{"account_maintain_current_contact_details", PostureStatus::kPass}});
  EXPECT_FALSE(topic.evaluate(other.evidence));
}

INSTANTIATE_TEST_SUITE_P(
    Cloud, TopicCheck,
    ::testing::Values(
        TopicCase{"encryption", encryption::evaluate, "s3_bucket_default_encryption",
                  "rds_instance_transport_encrypted"},
        TopicCase{"keys", keys::evaluate, "kms_cmk_rotation_enabled",
                  "kms_key_not_publicly_accessible"},
        TopicCase{"access", access::evaluate, "iam_root_mfa_enabled",
                  "iam_user_administrator_access_policy"},
        TopicCase{"logging", logging::evaluate, "cloudtrail_multi_region_enabled",
                  "cloudtrail_kms_encryption_enabled"},
        TopicCase{"threats", threats::evaluate, "guardduty_is_enabled", "inspector2_is_enabled"},
        TopicCase{"posture", posture::evaluate, "ec2_instance_imdsv2_enabled",
                  "config_recorder_all_regions_enabled"},
        TopicCase{"backup", backup::evaluate, "rds_instance_backup_enabled", "backup_plans_exist"}),
    [](const ::testing::TestParamInfo<TopicCase>& param_info) {
      return std::string(param_info.param.name);
    });

TEST(CloudEncryptionCheck, SpeaksOnlyToTheClausesItsToolChecksTouch) {
  const TestService at_rest({{"s3_bucket_default_encryption", PostureStatus::kPass}});
  const auto only_rest = encryption::evaluate(at_rest.evidence);
  ASSERT_TRUE(only_rest);
  EXPECT_EQ(only_rest->nodes, std::vector<std::string>{"ET-8.1.1"});
  const TestService transit({{"s3_bucket_default_encryption", PostureStatus::kPass},
                             {"elbv2_ssl_listeners", PostureStatus::kPass}});
  const auto both = encryption::evaluate(transit.evidence);
  ASSERT_TRUE(both);
  EXPECT_EQ(both->nodes, (std::vector<std::string>{"ET-8.1.1", "ET-8.7.1"}));
}

}  // namespace
}  // namespace etguard::cloud_checks
