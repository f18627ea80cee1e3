// Check iot.known_vulnerable — see check.cc for what it proves and how.
#pragma once

#include "checks/iot/iot_check.h"

namespace etguard::iot_checks::known_vulnerable {

const check::CheckInfo& metadata();
// Judges one register entry (sensors too: Art. 30 names Art. 29) when
// `scan iot --vulnerabilities` matched the devices against a feed; nullopt
// otherwise.
std::optional<check::Assessment> evaluate(const IotEvidence& evidence);

}  // namespace etguard::iot_checks::known_vulnerable
