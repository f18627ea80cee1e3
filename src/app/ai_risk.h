// Verify: the risk tier of each AI system (Art. 46) — every factor's
// contribution, the review interval and when the next review is due, the
// independent expert review for the highest tier, the pre-launch assessment
// of a customer-facing system — from the AI register and the firm's risk
// model (data, docs/ai-risk.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/findings.h"
#include "app/session.h"
#include "assess/ai_risk.h"

namespace etguard::app {

struct AiRiskRequest {
  std::string system;      // an id of the ai register; empty: every AI system
  std::string model_file;  // empty: the workspace's model, else the built-in one
};

// The model a workspace assesses with: the one set (its text and SHA-256),
// else the built-in one (sha256 empty).
struct AiRiskModelText {
  std::string text;
  std::string sha256;
};
[[nodiscard]] Result<AiRiskModelText> ai_risk_model(Session& session);

// Makes the model at `path` the workspace's: checked, kept in the
// content-addressed store, and named by the setting ai.risk_model, whose
// change the ledger records (setting.set, the hashes before and after).
// Returns its SHA-256.
[[nodiscard]] Result<std::string> set_ai_risk_model(Session& session, const std::string& path);

struct AiRiskView {
  assess::RiskModel model;
  std::string model_sha256;             // the workspace's model; empty: a file or the built-in one
  std::vector<assess::AiRisk> systems;  // point into `model`
  std::string today;
};

[[nodiscard]] Result<std::unique_ptr<AiRiskView>> assess_ai_systems(Session& session,
                                                                    const AiRiskRequest& request);

// The model a firm starts from (--print-model).
std::string_view default_ai_risk_model();

// The AI checks' verdicts on each system's risk assessment (ET-46.1–46.4,
// partly), one import per system with the system as its object.
std::vector<FindingsImport> ai_risk_findings(const AiRiskView& view,
                                             const Clock& clock = system_clock());

// etguard.ai_risk 1.0.
nlohmann::ordered_json ai_risk_json(const AiRiskView& view);

}  // namespace etguard::app
