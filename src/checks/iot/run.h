// Runs every registered IoT check on one reconciliation: the inventory checks
// once (target "org"), the device checks once per register entry the scan saw
// (target "iot/<id>").
#pragma once

#include <string>
#include <vector>

#include "checks/iot/iot_check.h"

namespace etguard::iot_checks {

std::vector<check::Finding> run_iot_checks(const iot::Reconciliation& reconciliation,
                                           const IotPolicy& policy, const std::string& started_at,
                                           const std::string& finished_at);

}  // namespace etguard::iot_checks
