// Check iot.default_credentials — see check.cc for what it proves and how.
#pragma once

#include "checks/iot/iot_check.h"

namespace etguard::iot_checks::default_credentials {

const check::CheckInfo& metadata();
// Judges one device that `scan iot --probe` probed; nullopt otherwise.
std::optional<check::Assessment> evaluate(const IotEvidence& evidence);

}  // namespace etguard::iot_checks::default_credentials
