// Check ai.model_documentation — see check.cc for what it proves and how.
#pragma once

#include "checks/ai/ai_check.h"

namespace etguard::ai_checks::model_documentation {

const check::CheckInfo& metadata();
// Judges a model card; nullopt without one.
std::optional<check::Assessment> evaluate(const AiEvidence& evidence);

}  // namespace etguard::ai_checks::model_documentation
