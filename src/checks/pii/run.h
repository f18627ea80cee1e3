// Runs every registered PII check on one scan's summary.
#pragma once

#include <string>
#include <vector>

#include "checks/pii/pii_check.h"

namespace etguard::pii_checks {

// Findings in registry order, all for `target` (the scanned paths).
std::vector<check::Finding> run_pii_checks(const pii::ScanSummary& summary,
                                           const std::string& target, const std::string& started_at,
                                           const std::string& finished_at);

}  // namespace etguard::pii_checks
