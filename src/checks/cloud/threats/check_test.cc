#include "checks/cloud/threats/check.h"

#include "checks/cloud/topic_check_test.h"

namespace etguard::cloud_checks::threats {
namespace {

using testing::TopicCase;
using testing::TopicCheck;

INSTANTIATE_TEST_SUITE_P(Threats, TopicCheck,
                         ::testing::Values(TopicCase{evaluate, "guardduty_is_enabled",
                                                     "inspector2_is_enabled"}));

}  // namespace
}  // namespace etguard::cloud_checks::threats
