#include "app/iot_tls.h"

#include <fmt/format.h>

#include <csignal>

#include "checks/parallel.h"
#include "checks/tls/run.h"
#include "core/clock.h"
#include "iot/probe/probe.h"
#include "tls/handshake.h"
#include "tls/scanner.h"

namespace etguard::app {
namespace {

constexpr std::size_t kJobs = 4;  // endpoints scanned at once
constexpr std::chrono::seconds kEndpointTimeout{60};

struct Job {
  iot::DeviceSighting* sighting;
  iot::Port port;
};

iot::TlsJudgement judge(const Job& job, const tls::ScanOptions& options) {
  const std::string& address = job.sighting->device->address;
  tls::Endpoint endpoint;
  endpoint.host = address;
  endpoint.port = static_cast<std::uint16_t>(job.port.number);
  endpoint.target = address.find(':') != std::string::npos
                        ? fmt::format("[{}]:{}", address, job.port.number)
                        : fmt::format("{}:{}", address, job.port.number);
  tls::TlsProfile profile;
  const std::string started = system_clock().utc_now();
  if (auto resolved = tls::resolve(endpoint); !resolved) {
    profile.endpoint = endpoint;
    profile.error = resolved.error().message;
  } else {
    profile = tls::scan_endpoint(endpoint, options);
  }
  const tls_checks::EndpointSummary summary = tls_checks::summarize(tls_checks::run_tls_checks(
      profile, tls_checks::TlsPolicy{}, started, system_clock().utc_now()));
  iot::TlsJudgement judgement{.port = {.protocol = job.port.protocol, .number = job.port.number},
                              .verdict = std::string(to_string(summary.verdict)),
                              .reasons = summary.reasons,
                              .warnings = summary.warnings,
                              .protocols = {},
                              .error = profile.error};
  for (const tls::ProtocolSupport& protocol : profile.protocols) {
    if (protocol.accepted) {
      judgement.protocols +=
          (judgement.protocols.empty() ? "" : " ") + tls::version_name(protocol.version);
    }
  }
  return judgement;
}

}  // namespace

Result<IotTlsPlan> plan_iot_tls(const std::string& ca_file, std::unordered_set<std::string> targets,
                                int probe_timeout_ms) {
  auto trust = tls::TrustStore::load(ca_file);
  if (!trust) {
    return std::unexpected(trust.error());
  }
  return IotTlsPlan{.trust = std::move(*trust),
                    .targets = std::move(targets),
                    .probe_timeout_ms = probe_timeout_ms};
}

void judge_device_tls(iot::Reconciliation& reconciliation, const IotTlsPlan& plan) {
  std::vector<Job> jobs;
  for (iot::DeviceSighting& sighting : reconciliation.devices) {
    const bool targeted = plan.targets.empty() || plan.targets.contains(sighting.device->address);
    if (!sighting.seen || sighting.found_by_mac || !targeted) {
      continue;
    }
    for (const iot::Port& port : sighting.open_ports) {
      if (iot::probe::speaks_tls(port)) {
        jobs.push_back({&sighting, port});
      }
    }
  }
  if (jobs.empty()) {
    return;
  }
  std::signal(SIGPIPE, SIG_IGN);  // a device may close a socket OpenSSL still writes to
  tls::ScanOptions options;
  options.trust = &plan.trust;
  options.probe_timeout = std::chrono::milliseconds(plan.probe_timeout_ms);
  options.endpoint_timeout = kEndpointTimeout;
  std::vector<iot::TlsJudgement> judgements(jobs.size());
  check::for_each_parallel(jobs.size(), kJobs,
                           [&](std::size_t i) { judgements[i] = judge(jobs[i], options); });
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    jobs[i].sighting->tls.push_back(std::move(judgements[i]));
  }
}

}  // namespace etguard::app
