// Verify: an AI system's model card and data sheet (Art. 52) — complete, and
// current against the AI register's entry and its last review when a
// workspace is at hand — and the AI checks on it.
#pragma once

#include <string>
#include <vector>

#include "app/session.h"
#include "checks/check.h"
#include "modelcard/card.h"

namespace etguard::app {

struct ModelCardScan {
  modelcard::Reading reading;
  bool register_consulted = false;
  bool in_register = false;
  std::string last_review;  // the register's, for the card's system
};

// `session`: the workspace whose AI register the card is compared with;
// null: none (the check says so).
[[nodiscard]] Result<ModelCardScan> scan_model_card(const std::string& path, Session* session);

// The AI checks' verdicts on the card, for the workspace (object ai/<system>).
std::vector<check::Finding> model_card_findings(const ModelCardScan& scan,
                                                const Clock& clock = system_clock());

}  // namespace etguard::app
