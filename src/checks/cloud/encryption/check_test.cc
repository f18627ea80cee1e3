#include "checks/cloud/encryption/check.h"

#include "checks/cloud/test_service.h"
#include "checks/cloud/topic_check_test.h"

namespace etguard::cloud_checks::encryption {
namespace {

using testing::TopicCase;
using testing::TopicCheck;

INSTANTIATE_TEST_SUITE_P(Encryption, TopicCheck,
                         ::testing::Values(TopicCase{evaluate, "s3_bucket_default_encryption",
                                                     "rds_instance_transport_encrypted"}));

using cloud::PostureStatus;
using testing::TestService;

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
