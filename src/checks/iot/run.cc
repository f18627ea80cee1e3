#include "checks/iot/run.h"

#include <algorithm>
#include <iterator>
#include <thread>

#include "checks/parallel.h"
#include "checks/registry.h"

namespace etguard::iot_checks {
namespace {

constexpr std::size_t kBlock = 4096;  // devices judged between two hand-overs

void run_on(const IotEvidence& evidence, const std::string& target, const IotRun& run,
            std::vector<check::Finding>& findings) {
  for (const IotCheck& entry : checks::iot_checks()) {
    std::optional<check::Assessment> assessment = entry.evaluate(evidence);
    if (!assessment) {
      continue;
    }
    findings.push_back(check::make_finding(entry.metadata(), target, std::move(*assessment),
                                           run.started_at, run.finished_at));
  }
}

}  // namespace

void run_iot_checks(const iot::Reconciliation& reconciliation, const IotPolicy& policy,
                    const IotRun& run, const FindingSink& sink) {
  std::vector<check::Finding> findings;
  run_on(IotEvidence{&reconciliation, nullptr, &policy, run.with_evidence}, "org", run, findings);
  sink(findings);
  const std::size_t jobs = std::thread::hardware_concurrency();
  std::vector<std::vector<check::Finding>> per_device;
  for (std::size_t first = 0; first < reconciliation.devices.size(); first += kBlock) {
    const std::size_t count = std::min(kBlock, reconciliation.devices.size() - first);
    per_device.assign(count, {});
    check::for_each_parallel(count, jobs, [&](std::size_t i) {
      const iot::DeviceSighting& device = reconciliation.devices[first + i];
      run_on(IotEvidence{nullptr, &device, &policy, run.with_evidence}, "iot/" + device.device->id,
             run, per_device[i]);
    });
    findings.clear();
    for (std::vector<check::Finding>& device_findings : per_device) {
      std::ranges::move(device_findings, std::back_inserter(findings));
    }
    sink(findings);
  }
}

}  // namespace etguard::iot_checks
