// Check ai.genai_prompts — see check.cc for what it proves and how.
#pragma once

#include "checks/ai/ai_check.h"

namespace etguard::ai_checks::genai_prompts {

const check::CheckInfo& metadata();
// Judges a prompt-log scan; nullopt without one.
std::optional<check::Assessment> evaluate(const AiEvidence& evidence);
check::Assessment judge(const etguard::pii::GenaiSummary& summary);

}  // namespace etguard::ai_checks::genai_prompts
