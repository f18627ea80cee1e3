#include "checks/iot/run.h"

#include "checks/registry.h"

namespace etguard::iot_checks {
namespace {

void run_on(const IotEvidence& evidence, const std::string& target, const std::string& started_at,
            const std::string& finished_at, std::vector<check::Finding>& findings) {
  for (const IotCheck& entry : checks::iot_checks()) {
    std::optional<check::Assessment> assessment = entry.evaluate(evidence);
    if (!assessment) {
      continue;
    }
    check::Finding finding;
    finding.check = &entry.metadata();
    finding.target = target;
    finding.assessment = std::move(*assessment);
    finding.started_at = started_at;
    finding.finished_at = finished_at;
    findings.push_back(std::move(finding));
  }
}

}  // namespace

std::vector<check::Finding> run_iot_checks(const iot::Reconciliation& reconciliation,
                                           const IotPolicy& policy, const std::string& started_at,
                                           const std::string& finished_at) {
  std::vector<check::Finding> findings;
  run_on(IotEvidence{&reconciliation, nullptr, &policy}, "org", started_at, finished_at, findings);
  for (const iot::DeviceSighting& device : reconciliation.devices) {
    run_on(IotEvidence{nullptr, &device, &policy}, "iot/" + device.device->id, started_at,
           finished_at, findings);
  }
  return findings;
}

}  // namespace etguard::iot_checks
