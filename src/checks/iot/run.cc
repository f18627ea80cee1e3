#include "checks/iot/run.h"

#include <algorithm>
#include <iterator>
#include <thread>

#include "checks/parallel.h"
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
    findings.push_back(check::make_finding(entry.metadata(), target, std::move(*assessment),
                                           started_at, finished_at));
  }
}

}  // namespace

std::vector<check::Finding> run_iot_checks(const iot::Reconciliation& reconciliation,
                                           const IotPolicy& policy, const std::string& started_at,
                                           const std::string& finished_at) {
  std::vector<check::Finding> findings;
  run_on(IotEvidence{&reconciliation, nullptr, &policy}, "org", started_at, finished_at, findings);
  // A segment holds thousands of devices, each judged alone: on every core.
  std::vector<std::vector<check::Finding>> per_device(reconciliation.devices.size());
  check::for_each_parallel(
      per_device.size(), std::thread::hardware_concurrency(), [&](std::size_t i) {
        const iot::DeviceSighting& device = reconciliation.devices[i];
        run_on(IotEvidence{nullptr, &device, &policy}, "iot/" + device.device->id, started_at,
               finished_at, per_device[i]);
      });
  for (std::vector<check::Finding>& device_findings : per_device) {
    std::ranges::move(device_findings, std::back_inserter(findings));
  }
  return findings;
}

}  // namespace etguard::iot_checks
