#include "checks/cloud/backup/check.h"

#include "checks/cloud/topic_check_test.h"

namespace etguard::cloud_checks::backup {
namespace {

using testing::TopicCase;
using testing::TopicCheck;

INSTANTIATE_TEST_SUITE_P(Backup, TopicCheck,
                         ::testing::Values(TopicCase{evaluate, "rds_instance_backup_enabled",
                                                     "backup_plans_exist"}));

}  // namespace
}  // namespace etguard::cloud_checks::backup
