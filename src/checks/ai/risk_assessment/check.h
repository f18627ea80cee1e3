// Check ai.risk_assessment — see check.cc for what it proves and how.
#pragma once

#include "checks/ai/ai_check.h"

namespace etguard::ai_checks::risk_assessment {

const check::CheckInfo& metadata();
// Judges an AI system's risk assessment; nullopt without one.
std::optional<check::Assessment> evaluate(const AiEvidence& evidence);

}  // namespace etguard::ai_checks::risk_assessment
