// Runs every registered authlog.* check on one analysed day.
#pragma once

#include <string>
#include <vector>

#include "checks/authlog/authlog_check.h"

namespace etguard::authlog_checks {

// Findings in registry order, all for `target` (the inputs, space-separated).
std::vector<check::Finding> run_authlog_checks(const DayResult& day, const std::string& target,
                                               const std::string& started_at,
                                               const std::string& finished_at);

}  // namespace etguard::authlog_checks
