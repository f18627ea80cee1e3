#include "checks/mobile/run.h"

#include "checks/registry.h"

namespace etguard::mobile_checks {

std::vector<check::Finding> run_mobile_checks(const AppEvidence& evidence, const AppRun& run) {
  std::vector<check::Finding> findings;
  for (const AppCheck& entry : checks::mobile_checks()) {
    std::optional<check::Assessment> assessment = entry.evaluate(evidence);
    if (assessment) {
      findings.push_back(check::make_finding(entry.metadata(), run.target, std::move(*assessment),
                                             run.started_at, run.finished_at));
    }
  }
  return findings;
}

}  // namespace etguard::mobile_checks
