#include "checks/cloud/encryption/check.h"

#include <gtest/gtest.h>

#include "checks/cloud/test_service.h"

namespace etguard::cloud_checks::encryption {
namespace {

using cloud::PostureStatus;
using testing::has_reason;
using testing::TestService;

TEST(CloudEncryptionCheck, PassesWhenItsToolChecksPassed) {
  const TestService test({{"s3_bucket_default_encryption", PostureStatus::kPass},
                          {"rds_instance_transport_encrypted", PostureStatus::kPass},
                          {"s3_bucket_no_such_check", PostureStatus::kFail}});
  const auto assessment = evaluate(test.evidence);
  ASSERT_TRUE(assessment);
  EXPECT_EQ(assessment->verdict, Verdict::kPass);
  EXPECT_EQ(assessment->evidence["passed"], 2);
  EXPECT_EQ(assessment->evidence["tool_checks"].size(), 2U);
}

TEST(CloudEncryptionCheck, FailsNamingTheToolCheckAndResources) {
  const TestService test(
      {{"s3_bucket_default_encryption", PostureStatus::kPass},
       {"rds_instance_transport_encrypted", PostureStatus::kFail, "ap-east-2", "arn:aws:x:bad"}});
  const auto assessment = evaluate(test.evidence);
  ASSERT_TRUE(assessment);
  EXPECT_EQ(assessment->verdict, Verdict::kFail);
  ASSERT_TRUE(has_reason(*assessment, "CLOUD_TOOL_CHECK_FAILED"));
  EXPECT_NE(assessment->reasons.front().en.find(
                "rds_instance_transport_encrypted failed on 1 resource(s)"),
            std::string::npos);
  EXPECT_NE(assessment->reasons.front().en.find("arn:aws:x:bad"), std::string::npos);
}

TEST(CloudEncryptionCheck, AMutedFailureStillFailsAndOnlyManualIsNotJudged) {
  const TestService muted(
      {{"s3_bucket_default_encryption", PostureStatus::kFail, "ap-east-2", "arn:r", true}});
  const auto failed = evaluate(muted.evidence);
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->verdict, Verdict::kFail);
  EXPECT_TRUE(has_reason(*failed, "CLOUD_TOOL_FAILURE_MUTED"));
  const TestService manual({{"s3_bucket_default_encryption", PostureStatus::kManual}});
  const auto unjudged = evaluate(manual.evidence);
  ASSERT_TRUE(unjudged);
  EXPECT_EQ(unjudged->verdict, Verdict::kError);
  const TestService other({{"account_maintain_current_contact_details", PostureStatus::kPass}});
  EXPECT_FALSE(evaluate(other.evidence));
}

TEST(CloudEncryptionCheck, SpeaksOnlyToTheClausesItsToolChecksTouch) {
  const TestService at_rest({{"s3_bucket_default_encryption", PostureStatus::kPass}});
  const auto only_rest = evaluate(at_rest.evidence);
  ASSERT_TRUE(only_rest);
  EXPECT_EQ(only_rest->nodes, std::vector<std::string>{"ET-8.1.1"});
  const TestService transit({{"s3_bucket_default_encryption", PostureStatus::kPass},
                             {"elbv2_ssl_listeners", PostureStatus::kPass}});
  const auto both = evaluate(transit.evidence);
  ASSERT_TRUE(both);
  EXPECT_EQ(both->nodes, (std::vector<std::string>{"ET-8.1.1", "ET-8.7.1"}));
}

}  // namespace
}  // namespace etguard::cloud_checks::encryption
