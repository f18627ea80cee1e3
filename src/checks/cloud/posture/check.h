// Check cloud.posture — see check.cc for what it proves and how.
#pragma once

#include "checks/cloud/cloud_check.h"

namespace etguard::cloud_checks::posture {

const check::CheckInfo& metadata();
std::optional<check::Assessment> evaluate(const CloudEvidence& evidence);

}  // namespace etguard::cloud_checks::posture
