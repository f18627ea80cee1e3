#include "checks/cloud/access/check.h"

#include "checks/cloud/topic_check_test.h"

namespace etguard::cloud_checks::access {
namespace {

using testing::TopicCase;
using testing::TopicCheck;

INSTANTIATE_TEST_SUITE_P(Access, TopicCheck,
                         ::testing::Values(TopicCase{evaluate, "iam_root_mfa_enabled",
                                                     "iam_user_administrator_access_policy"}));

}  // namespace
}  // namespace etguard::cloud_checks::access
