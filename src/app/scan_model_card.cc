#include "app/scan_model_card.h"

#include "checks/ai/run.h"

namespace etguard::app {

Result<ModelCardScan> scan_model_card(const std::string& path, Session* session) {
  auto reading = modelcard::read_card(path);
  if (!reading) {
    return std::unexpected(reading.error());
  }
  ModelCardScan scan;
  scan.reading = std::move(*reading);
  if (session != nullptr) {
    auto registers = session->workspace().load_registers();
    if (!registers) {
      return std::unexpected(registers.error());
    }
    scan.register_consulted = true;
    for (const assess::RegisterEntry& entry : registers->entries) {
      if (entry.subject == "ai" && entry.id == scan.reading.card.system) {
        scan.in_register = true;
        if (const auto found = entry.dates.find("last_review"); found != entry.dates.end()) {
          scan.last_review = found->second;
        }
      }
    }
  }
  return scan;
}

std::vector<check::Finding> model_card_findings(const ModelCardScan& scan, const Clock& clock) {
  const std::string now = clock.utc_now();
  ai_checks::ModelCardReview review{&scan.reading, scan.register_consulted, scan.in_register,
                                    scan.last_review};
  ai_checks::AiEvidence evidence;
  evidence.model_card = &review;
  return ai_checks::run_ai_checks(evidence, scan.reading.card.source, now, now);
}

}  // namespace etguard::app
