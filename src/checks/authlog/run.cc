#include "checks/authlog/run.h"

#include "checks/registry.h"

namespace etguard::authlog_checks {

std::vector<check::Finding> run_authlog_checks(const DayResult& day, const std::string& target,
                                               const std::string& started_at,
                                               const std::string& finished_at) {
  std::vector<check::Finding> findings;
  for (const AuthlogCheck& entry : checks::authlog_checks()) {
    check::Finding finding;
    finding.check = &entry.metadata();
    finding.target = target;
    finding.assessment = entry.evaluate(day);
    finding.started_at = started_at;
    finding.finished_at = finished_at;
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace etguard::authlog_checks
