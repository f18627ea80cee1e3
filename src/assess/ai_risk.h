// The risk tier of an AI system (Art. 46): each factor Art. 46(1) names,
// read from the AI register — a fact (customer service, material impact on
// operations) or a level recorded as a detail (the extent of personal data,
// the AI's autonomy, its complexity, the breadth of its effect on
// stakeholders, the completeness of remedies) — scored by a model that ships
// as data and that a firm tunes; the tier sets the review interval (46(2)),
// whether an independent expert reviews it (46(3)), and a customer-facing
// system needs its pre-launch assessment (46(4)). Pure: no I/O but the
// model's text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assess/model.h"
#include "core/result.h"

namespace etguard::assess {

struct RiskFactor {
  std::string id;  // customer_service
  std::string zh;  // its name in each language
  std::string en;
  std::string fact;  // set: a fact of the ai register, worth `points` when true
  int points = 0;
  std::string detail;                               // set: a detail holding one of `levels`
  std::vector<std::pair<std::string, int>> levels;  // in the file's order

  // The most points the factor can give: `points` for a fact, else its
  // highest level's.
  int worst() const;
};

struct RiskTier {
  std::string id;  // high
  std::string zh;
  std::string en;
  int min_score = 0;
  int review_months = 12;
  bool independent_review = false;
};

struct RiskModel {
  std::string source;  // the file, or <built-in>
  std::vector<RiskFactor> factors;
  std::vector<RiskTier> tiers;  // highest first
  int max_score() const;
};

std::string_view default_risk_model_yaml();
// The model of `text` (`source` names it in messages); every mistake located.
etguard::Result<RiskModel> parse_risk_model(const std::string& source, const std::string& text);

struct FactorScore {
  const RiskFactor* factor = nullptr;
  std::string value;  // "true", "false" or the level recorded
  int points = 0;
  bool recorded = true;  // false: not in the register, scored at its worst
  std::string problem;   // a level the model does not know (scored at its worst)
};

struct AiRisk {
  std::string key;  // ai/robo-advisor
  std::string name;
  std::vector<FactorScore> factors;
  int score = 0;
  const RiskTier* tier = nullptr;
  bool customer_facing = false;      // Art. 46(4) applies
  std::string prelaunch_assessment;  // dates.prelaunch_assessment; empty: none recorded
  std::string last_review;           // dates.last_review; empty: never reviewed
  std::string next_review;           // last_review + the tier's interval; empty: none
};

// Scores one entry of the ai register. Unrecorded factors count at their
// worst: a tier is never lowered by what nobody wrote down.
AiRisk assess_ai_risk(const RiskModel& model, const RegisterEntry& entry);

}  // namespace etguard::assess
