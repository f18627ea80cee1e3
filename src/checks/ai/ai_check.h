// The shape of an AI check (Chapter 8): metadata plus a pure function of the
// evidence one scan gathered — a fairness measurement of a decision log, the
// review of a model's input features, a scan of the prompts sent to
// generative AI, the probes sent to a customer chatbot, an AI system's risk
// assessment or its model card. A check gives no finding for a scan that did not gather
// what it judges.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "chatbot/probe_run.h"
#include "checks/check.h"
#include "fairness/features.h"
#include "fairness/measure.h"
#include "modelcard/card.h"
#include "pii/genai_summary.h"

namespace etguard::ai_checks {

// An AI system's risk assessment as the register records it (Art. 46),
// scored by the firm's risk model (assess/ai_risk.h fills it).
struct RiskReview {
  std::string object;  // ai/robo-advisor
  std::string tier;
  int score = 0;
  std::vector<std::string> unrecorded;  // factors not recorded, or with a level the model lacks
  int review_months = 0;
  std::string last_review;  // empty: never reviewed
  std::string next_review;
  std::string today;
  bool customer_facing = false;
  std::string prelaunch_assessment;  // empty: none recorded
};

// A model card read, and what the AI register says of its system (when a
// workspace was consulted).
struct ModelCardReview {
  const modelcard::Reading* reading = nullptr;
  bool register_consulted = false;
  bool in_register = false;
  std::string last_review;  // the register's dates.last_review of the system
};

struct AiEvidence {
  const fairness::Measurement* decisions = nullptr;
  const fairness::FeatureReview* features = nullptr;
  const pii::GenaiSummary* prompts = nullptr;   // a scan of an AI gateway's prompt log
  const chatbot::ProbeRun* chatbot = nullptr;   // probes sent to a customer chatbot
  const RiskReview* risk = nullptr;             // one AI system's risk assessment
  const ModelCardReview* model_card = nullptr;  // one AI system's model card
};

// nullopt: the scan gathered nothing this check judges.
using Evaluate = std::optional<check::Assessment> (*)(const AiEvidence& evidence);

struct AiCheck {
  const check::CheckInfo& (*metadata)();
  Evaluate evaluate;
};

}  // namespace etguard::ai_checks
