// Check ai.sensitive_parameters — see check.cc for what it proves and how.
#pragma once

#include "checks/ai/ai_check.h"

namespace etguard::ai_checks::sensitive_parameters {

const check::CheckInfo& metadata();
// Judges a feature review; nullopt without one.
std::optional<check::Assessment> evaluate(const AiEvidence& evidence);
check::Assessment judge(const etguard::fairness::FeatureReview& review);

}  // namespace etguard::ai_checks::sensitive_parameters
