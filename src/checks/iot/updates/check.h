// Check iot.updates — see check.cc for what it proves and how.
#pragma once

#include "checks/iot/iot_check.h"

namespace etguard::iot_checks::updates {

const check::CheckInfo& metadata();
// Judges one register entry (seen or not); nullopt for the inventory and for
// sensors without management functions (Art. 30 leaves Art. 23 out).
std::optional<check::Assessment> evaluate(const IotEvidence& evidence);

}  // namespace etguard::iot_checks::updates
