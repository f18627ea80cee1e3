// The shape of an AI check (Chapter 8): metadata plus a pure function of a
// fairness measurement of a model's decision log.
#pragma once

#include "checks/check.h"
#include "fairness/measure.h"

namespace etguard::ai_checks {

using Evaluate = check::Assessment (*)(const fairness::Measurement& measurement);

struct AiCheck {
  const check::CheckInfo& (*metadata)();
  Evaluate evaluate;
};

}  // namespace etguard::ai_checks
