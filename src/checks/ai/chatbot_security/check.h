// Check ai.chatbot_security — see check.cc for what it proves and how.
#pragma once

#include "checks/ai/ai_check.h"

namespace etguard::ai_checks::chatbot_security {

const check::CheckInfo& metadata();
// Judges a chatbot probe run; nullopt without one.
std::optional<check::Assessment> evaluate(const AiEvidence& evidence);

}  // namespace etguard::ai_checks::chatbot_security
