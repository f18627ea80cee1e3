// Runs every registered AI check on what one scan gathered.
#pragma once

#include <string>
#include <vector>

#include "checks/ai/ai_check.h"

namespace etguard::ai_checks {

// Findings in registry order, all for `target` (the decision log or the
// feature schema), from the checks that judge what was gathered.
std::vector<check::Finding> run_ai_checks(const AiEvidence& evidence, const std::string& target,
                                          const std::string& started_at,
                                          const std::string& finished_at);

}  // namespace etguard::ai_checks
