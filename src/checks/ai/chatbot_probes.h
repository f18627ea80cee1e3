// The judgement the chatbot checks share: the probes of some kinds, each
// failed probe a reason quoting the answer, a check that fails when any
// probe failed, is an error when one could not be sent, and is never a pass
// when none of its probes was judged.
#pragma once

#include <initializer_list>
#include <optional>

#include "chatbot/probe_run.h"
#include "checks/check.h"

namespace etguard::ai_checks {

std::optional<check::Assessment> judge_probes(const chatbot::ProbeRun& run,
                                              std::initializer_list<chatbot::ProbeKind> kinds);

}  // namespace etguard::ai_checks
