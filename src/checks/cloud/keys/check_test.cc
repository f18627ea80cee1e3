#include "checks/cloud/keys/check.h"

#include "checks/cloud/topic_check_test.h"

namespace etguard::cloud_checks::keys {
namespace {

using testing::TopicCase;
using testing::TopicCheck;

INSTANTIATE_TEST_SUITE_P(Keys, TopicCheck,
                         ::testing::Values(TopicCase{evaluate, "kms_cmk_rotation_enabled",
                                                     "kms_key_not_publicly_accessible"}));

}  // namespace
}  // namespace etguard::cloud_checks::keys
