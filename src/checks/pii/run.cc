#include "checks/pii/run.h"

#include "checks/registry.h"

namespace etguard::pii_checks {

std::vector<check::Finding> run_pii_checks(const pii::ScanSummary& summary,
                                           const std::string& target, const std::string& started_at,
                                           const std::string& finished_at) {
  std::vector<check::Finding> findings;
  for (const PiiCheck& entry : checks::pii_checks()) {
    check::Finding finding;
    finding.check = &entry.metadata();
    finding.target = target;
    finding.assessment = entry.evaluate(summary);
    finding.started_at = started_at;
    finding.finished_at = finished_at;
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace etguard::pii_checks
