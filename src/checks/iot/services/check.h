// Check iot.services — see check.cc for what it proves and how.
#pragma once

#include "checks/iot/iot_check.h"

namespace etguard::iot_checks::services {

const check::CheckInfo& metadata();
// Judges one device the scan saw; nullopt otherwise.
std::optional<check::Assessment> evaluate(const IotEvidence& evidence);

}  // namespace etguard::iot_checks::services
