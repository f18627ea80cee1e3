// The shape of an AI check (Chapter 8): metadata plus a pure function of the
// evidence one scan gathered — a fairness measurement of a decision log, the
// review of a model's input features, a scan of the prompts sent to
// generative AI, or the probes sent to a customer chatbot. A check gives no finding for a scan that did not gather
// what it judges.
#pragma once

#include <optional>

#include "chatbot/probe_run.h"
#include "checks/check.h"
#include "fairness/features.h"
#include "fairness/measure.h"
#include "pii/genai_summary.h"

namespace etguard::ai_checks {

struct AiEvidence {
  const fairness::Measurement* decisions = nullptr;
  const fairness::FeatureReview* features = nullptr;
  const pii::GenaiSummary* prompts = nullptr;  // a scan of an AI gateway's prompt log
  const chatbot::ProbeRun* chatbot = nullptr;  // probes sent to a customer chatbot
};

// nullopt: the scan gathered nothing this check judges.
using Evaluate = std::optional<check::Assessment> (*)(const AiEvidence& evidence);

struct AiCheck {
  const check::CheckInfo& (*metadata)();
  Evaluate evaluate;
};

}  // namespace etguard::ai_checks
