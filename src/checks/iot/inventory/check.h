// Check iot.inventory — see check.cc for what it proves and how.
#pragma once

#include "checks/iot/iot_check.h"

namespace etguard::iot_checks::inventory {

const check::CheckInfo& metadata();
// Judges the whole reconciliation; nullopt for a single device.
std::optional<check::Assessment> evaluate(const IotEvidence& evidence);

}  // namespace etguard::iot_checks::inventory
