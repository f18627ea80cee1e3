// The cases every cloud topic check answers alike (topic_check_test.h).
#include "checks/cloud/test_service.h"
#include "checks/cloud/topic_check_test.h"

namespace etguard::cloud_checks {

using cloud::PostureStatus;
using testing::has_reason;
using testing::TestService;

using testing::TopicCase;
using testing::TopicCheck;

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

}  // namespace etguard::cloud_checks
