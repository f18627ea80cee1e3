#include "checks/cloud/logging/check.h"

#include "checks/cloud/topic_check_test.h"

namespace etguard::cloud_checks::logging {
namespace {

using testing::TopicCase;
using testing::TopicCheck;

INSTANTIATE_TEST_SUITE_P(Logging, TopicCheck,
                         ::testing::Values(TopicCase{evaluate, "cloudtrail_multi_region_enabled",
                                                     "cloudtrail_kms_encryption_enabled"}));

}  // namespace
}  // namespace etguard::cloud_checks::logging
