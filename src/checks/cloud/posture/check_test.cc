#include "checks/cloud/posture/check.h"

#include "checks/cloud/topic_check_test.h"

namespace etguard::cloud_checks::posture {
namespace {

using testing::TopicCase;
using testing::TopicCheck;

INSTANTIATE_TEST_SUITE_P(Posture, TopicCheck,
                         ::testing::Values(TopicCase{evaluate, "ec2_instance_imdsv2_enabled",
                                                     "config_recorder_all_regions_enabled"}));

}  // namespace
}  // namespace etguard::cloud_checks::posture
