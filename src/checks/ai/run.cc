#include "checks/ai/run.h"

#include "checks/registry.h"

namespace etguard::ai_checks {

std::vector<check::Finding> run_ai_checks(const AiEvidence& evidence, const std::string& target,
                                          const std::string& started_at,
                                          const std::string& finished_at) {
  std::vector<check::Finding> findings;
  for (const AiCheck& entry : checks::ai_checks()) {
    std::optional<check::Assessment> assessment = entry.evaluate(evidence);
    if (!assessment) {
      continue;
    }
    findings.push_back(check::make_finding(entry.metadata(), target, std::move(*assessment),
                                           started_at, finished_at));
  }
  return findings;
}

}  // namespace etguard::ai_checks
