#include "checks/cloud/access/check.h"

#include <gtest/gtest.h>

#include "checks/cloud/test_service.h"

namespace etguard::cloud_checks::access {
namespace {

using cloud::PostureStatus;
using testing::has_reason;
using testing::TestService;

TEST(CloudAccessCheck, PassesWhenItsToolChecksPassed) {
  const TestService test({{"iam_root_mfa_enabled", PostureStatus::kPass},
                          {"iam_user_administrator_access_policy", PostureStatus::kPass},
                          {"s3_bucket_no_such_check", PostureStatus::kFail}});
  const auto assessment = evaluate(test.evidence);
  ASSERT_TRUE(assessment);
  EXPECT_EQ(assessment->verdict, Verdict::kPass);
  EXPECT_EQ(assessment->evidence["passed"], 2);
  EXPECT_EQ(assessment->evidence["tool_checks"].size(), 2U);
}

TEST(CloudAccessCheck, FailsNamingTheToolCheckAndResources) {
  const TestService test({{"iam_root_mfa_enabled", PostureStatus::kPass},
                          {"iam_user_administrator_access_policy", PostureStatus::kFail,
                           "ap-east-2", "arn:aws:x:bad"}});
  const auto assessment = evaluate(test.evidence);
  ASSERT_TRUE(assessment);
  EXPECT_EQ(assessment->verdict, Verdict::kFail);
  ASSERT_TRUE(has_reason(*assessment, "CLOUD_TOOL_CHECK_FAILED"));
  EXPECT_NE(assessment->reasons.front().en.find(
                "iam_user_administrator_access_policy failed on 1 resource(s)"),
            std::string::npos);
  EXPECT_NE(assessment->reasons.front().en.find("arn:aws:x:bad"), std::string::npos);
}

TEST(CloudAccessCheck, AMutedFailureStillFailsAndOnlyManualIsNotJudged) {
  const TestService muted(
      {{"iam_root_mfa_enabled", PostureStatus::kFail, "ap-east-2", "arn:r", true}});
  const auto failed = evaluate(muted.evidence);
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->verdict, Verdict::kFail);
  EXPECT_TRUE(has_reason(*failed, "CLOUD_TOOL_FAILURE_MUTED"));
  const TestService manual({{"iam_root_mfa_enabled", PostureStatus::kManual}});
  const auto unjudged = evaluate(manual.evidence);
  ASSERT_TRUE(unjudged);
  EXPECT_EQ(unjudged->verdict, Verdict::kError);
  const TestService other({{"account_maintain_current_contact_details", PostureStatus::kPass}});
  EXPECT_FALSE(evaluate(other.evidence));
}

}  // namespace
}  // namespace etguard::cloud_checks::access
