#include "checks/cloud/run.h"

#include "checks/registry.h"

namespace etguard::cloud_checks {

std::vector<check::Finding> run_cloud_checks(const cloud::PostureTally& tally,
                                             const CloudRun& run) {
  std::vector<check::Finding> findings;
  for (std::size_t i = 0; i < tally.services().size(); ++i) {
    if (tally.per_service()[i].findings == 0) {
      continue;
    }
    const CloudEvidence evidence{&tally.services()[i], &tally.per_service()[i], &tally.sources(),
                                 run.with_evidence};
    const std::string target = "cloud/" + tally.services()[i].id;
    for (const CloudCheck& entry : checks::cloud_checks()) {
      std::optional<check::Assessment> assessment = entry.evaluate(evidence);
      if (assessment) {
        findings.push_back(check::make_finding(entry.metadata(), target, std::move(*assessment),
                                               run.started_at, run.finished_at));
      }
    }
  }
  return findings;
}

}  // namespace etguard::cloud_checks
