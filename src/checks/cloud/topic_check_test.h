// The cases every topic check of the cloud family answers alike (from its
// mapped tool checks): the TEST_Ps are in topic_checks_test.cc, and each
// check's own check_test.cc instantiates them with two Prowler checks of its
// topic. (cloud.location, which also judges regions, has its own tests.)
#pragma once

#include <gtest/gtest.h>

#include <optional>

#include "checks/cloud/cloud_check.h"

namespace etguard::cloud_checks::testing {

struct TopicCase {
  std::optional<check::Assessment> (*evaluate)(const CloudEvidence&);
  const char* first;   // a Prowler check mapped to the topic
  const char* second;  // another
};

class TopicCheck : public ::testing::TestWithParam<TopicCase> {};

}  // namespace etguard::cloud_checks::testing
