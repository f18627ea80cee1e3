#include "checks/cloud/location/check.h"

#include <gtest/gtest.h>

#include "checks/cloud/test_service.h"

namespace etguard::cloud_checks::location {
namespace {

using cloud::PostureStatus;
using testing::has_reason;
using testing::TestService;

cloud::RegisteredService designated(std::vector<std::string> regions, bool natural_person = false,
                                    bool offshore = false) {
  return {.id = "trading",
          .accounts = {"111122223333"},
          .regions = std::move(regions),
          .material_natural_person = natural_person,
          .offshore = offshore};
}

TEST(CloudLocationCheck, PassesWhenEveryRegionIsDesignated) {
  const TestService test({{"s3_bucket_default_encryption", PostureStatus::kPass, "ap-east-2"},
                          {"iam_root_mfa_enabled", PostureStatus::kPass, "global"}},
                         designated({"ap-east-2", "ap-northeast-1"}));
  const auto assessment = evaluate(test.evidence);
  ASSERT_TRUE(assessment);
  EXPECT_EQ(assessment->verdict, Verdict::kPass);
  EXPECT_EQ(assessment->evidence["regions_seen"].size(), 1U);
}

TEST(CloudLocationCheck, FailsForARegionTheRegisterDoesNotDesignate) {
  const TestService test(
      {{"s3_bucket_default_encryption", PostureStatus::kPass, "eu-west-1", "arn:aws:s3:::eu"}},
      designated({"ap-east-2"}));
  const auto assessment = evaluate(test.evidence);
  ASSERT_TRUE(assessment);
  EXPECT_EQ(assessment->verdict, Verdict::kFail);
  ASSERT_TRUE(has_reason(*assessment, "CLOUD_REGION_NOT_DESIGNATED"));
  EXPECT_NE(assessment->reasons.front().en.find("eu-west-1 (arn:aws:s3:::eu)"), std::string::npos);
  EXPECT_EQ(assessment->nodes, std::vector<std::string>{"ET-8.6.3.1"});
}

TEST(CloudLocationCheck, MaterialNaturalPersonDataStaysInTaiwanUnlessOffshore) {
  const std::vector<testing::Seen> seen{
      {"s3_bucket_default_encryption", PostureStatus::kPass, "ap-northeast-1"},
      {"cloudsql_instance_automated_backups", PostureStatus::kPass, "asia-east1-b"}};
  const TestService onshore(seen, designated({}, true));
  const auto failed = evaluate(onshore.evidence);
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->verdict, Verdict::kFail);
  EXPECT_TRUE(has_reason(*failed, "CLOUD_DATA_OUTSIDE_TAIWAN"));
  EXPECT_EQ(failed->reasons.size(), 1U);  // asia-east1-b is in Taiwan
  const TestService offshore(seen, designated({}, true, true));
  const auto warned = evaluate(offshore.evidence);
  ASSERT_TRUE(warned);
  EXPECT_EQ(warned->verdict, Verdict::kPass);
  EXPECT_TRUE(has_reason(*warned, "CLOUD_OFFSHORE_BACKUP_IN_TAIWAN"));
}

TEST(CloudLocationCheck, NoFindingWithoutDesignatedRegionsOrAMappedCheck) {
  const TestService test({{"s3_bucket_default_encryption", PostureStatus::kPass, "eu-west-1"}},
                         designated({}));
  EXPECT_FALSE(evaluate(test.evidence));
  const TestService policy({{"organizations_scp_check_deny_regions", PostureStatus::kFail}},
                           designated({}));
  const auto judged = evaluate(policy.evidence);
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->verdict, Verdict::kFail);
}

}  // namespace
}  // namespace etguard::cloud_checks::location
