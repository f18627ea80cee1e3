// Check iot.exposure — see check.cc for what it proves and how.
#pragma once

#include "checks/iot/iot_check.h"

namespace etguard::iot_checks::exposure {

const check::CheckInfo& metadata();
// Judges one register entry; nullopt for the inventory.
std::optional<check::Assessment> evaluate(const IotEvidence& evidence);

}  // namespace etguard::iot_checks::exposure
