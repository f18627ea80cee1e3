// Check ai.chatbot_scope — see check.cc for what it proves and how.
#pragma once

#include "checks/ai/ai_check.h"

namespace etguard::ai_checks::chatbot_scope {

const check::CheckInfo& metadata();
// Judges a chatbot probe run; nullopt without one.
std::optional<check::Assessment> evaluate(const AiEvidence& evidence);

}  // namespace etguard::ai_checks::chatbot_scope
