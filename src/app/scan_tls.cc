#include "app/scan_tls.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <csignal>
#include <mutex>

#include "checks/parallel.h"
#include "checks/targets.h"
#include "tls/scanner.h"

namespace etguard::app {
namespace {

bool is_address_literal(const std::string& host) {
  in6_addr buffer{};
  return ::inet_pton(AF_INET, host.c_str(), &buffer) == 1 ||
         ::inet_pton(AF_INET6, host.c_str(), &buffer) == 1;
}

Result<std::vector<check::Target>> collect_targets(const TlsScanRequest& request,
                                                   std::uint16_t default_port) {
  std::vector<check::Target> targets;
  if (!request.targets_file.empty()) {
    auto from_file = check::read_targets_file(request.targets_file, default_port);
    if (!from_file) {
      return std::unexpected(from_file.error());
    }
    targets = std::move(*from_file);
  }
  for (std::size_t i = 0; i < request.targets.size(); ++i) {
    auto target =
        check::parse_target(request.targets[i], default_port, fmt::format("argument {}", i + 1));
    if (!target) {
      return std::unexpected(target.error());
    }
    targets.push_back(std::move(*target));
  }
  if (targets.empty()) {
    return fail(ErrorKind::kUsage, "give at least one HOST[:PORT] or --targets FILE",
                "請指定至少一個 主機[:連接埠] 或 --targets 檔案");
  }
  return targets;
}

}  // namespace

Result<std::vector<TlsEndpointResult>> scan_tls(const TlsScanRequest& request,
                                                const TlsProgress& progress, const Clock& clock) {
  tls::Starttls starttls = tls::Starttls::kNone;
  if (request.starttls == "smtp") {
    starttls = tls::Starttls::kSmtp;
  } else if (!request.starttls.empty()) {
    return fail(ErrorKind::kUsage,
                fmt::format("unknown --starttls '{}'; use smtp", request.starttls),
                fmt::format("未知的 --starttls '{}'；請用 smtp", request.starttls));
  }
  auto targets = collect_targets(request, starttls == tls::Starttls::kSmtp ? 25 : 443);
  if (!targets) {
    return std::unexpected(targets.error());
  }
  tls_checks::TlsPolicy policy;
  if (!request.policy_file.empty()) {
    auto loaded = tls_checks::load_tls_policy(request.policy_file);
    if (!loaded) {
      return std::unexpected(loaded.error());
    }
    policy = *loaded;
  }
  auto trust = tls::TrustStore::load(request.ca_file);
  if (!trust) {
    return std::unexpected(trust.error());
  }
  // OpenSSL writes to sockets servers may already have closed: EPIPE, not death.
  std::signal(SIGPIPE, SIG_IGN);
  tls::ScanOptions options;
  options.trust = &*trust;
  options.endpoint_timeout = std::chrono::milliseconds(static_cast<long>(request.timeout * 1000));
  options.probe_timeout =
      std::chrono::milliseconds(static_cast<long>(request.probe_timeout * 1000));

  std::vector<TlsEndpointResult> results(targets->size());
  std::mutex progress_lock;
  std::size_t done = 0;
  check::for_each_parallel(targets->size(), request.jobs, [&](std::size_t i) {
    const check::Target& target = (*targets)[i];
    tls::Endpoint endpoint;
    endpoint.target = target.text;
    endpoint.host = target.host;
    endpoint.port = target.port;
    endpoint.server_name = !request.sni.empty()              ? request.sni
                           : is_address_literal(target.host) ? ""
                                                             : target.host;
    endpoint.starttls = starttls;
    const std::string started = clock.utc_now();
    TlsEndpointResult& result = results[i];
    if (auto resolved = tls::resolve(endpoint); !resolved) {
      result.profile.endpoint = endpoint;
      result.profile.error = resolved.error().message;
    } else {
      result.profile = tls::scan_endpoint(endpoint, options);
    }
    result.findings = tls_checks::run_tls_checks(result.profile, policy, started, clock.utc_now());
    result.summary = tls_checks::summarize(result.findings);
    if (progress) {
      const std::lock_guard lock(progress_lock);
      progress(++done, targets->size(), target.text);
    }
  });
  return results;
}

}  // namespace etguard::app
