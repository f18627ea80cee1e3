// Check ai.fairness — see check.cc for what it proves and how.
#pragma once

#include "checks/ai/ai_check.h"

namespace etguard::ai_checks::fairness {

const check::CheckInfo& metadata();
// Judges a fairness measurement; nullopt without one.
std::optional<check::Assessment> evaluate(const AiEvidence& evidence);
check::Assessment judge(const etguard::fairness::Measurement& measurement);

}  // namespace etguard::ai_checks::fairness
