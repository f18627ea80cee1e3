// Runs every registered AI check on one fairness measurement.
#pragma once

#include <string>
#include <vector>

#include "checks/ai/ai_check.h"

namespace etguard::ai_checks {

// Findings in registry order, all for `target` (the decision log).
std::vector<check::Finding> run_ai_checks(const fairness::Measurement& measurement,
                                          const std::string& target, const std::string& started_at,
                                          const std::string& finished_at);

}  // namespace etguard::ai_checks
