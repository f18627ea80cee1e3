// Check iot.tls — see check.cc for what it proves and how.
#pragma once

#include "checks/iot/iot_check.h"

namespace etguard::iot_checks::tls {

const check::CheckInfo& metadata();
// Judges one device whose TLS ports --probe scanned; nullopt otherwise.
std::optional<check::Assessment> evaluate(const IotEvidence& evidence);

}  // namespace etguard::iot_checks::tls
