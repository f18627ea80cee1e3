// Check ai.fairness — see check.cc for what it proves and how.
#pragma once

#include "checks/check.h"
#include "fairness/measure.h"

namespace etguard::ai_checks::fairness {

const check::CheckInfo& metadata();
check::Assessment evaluate(const etguard::fairness::Measurement& measurement);

}  // namespace etguard::ai_checks::fairness
