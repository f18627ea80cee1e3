// Verify: the Art. 34 TLS scan of a list of endpoints — targets read and
// resolved, each endpoint collected in parallel, the TLS checks run on it.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "checks/check.h"
#include "checks/tls/run.h"
#include "core/clock.h"
#include "core/result.h"
#include "tls/profile.h"

namespace etguard::app {

struct TlsScanRequest {
  std::vector<std::string> targets;  // HOST[:PORT], [v6]:PORT
  std::string targets_file;          // one target per line
  std::string ca_file;               // trust store; empty: the system's
  std::string starttls;              // "" or "smtp"
  std::string sni;                   // empty: the host name (none for an address)
  std::string policy_file;           // YAML interpretation policy
  double timeout = 60;               // seconds per target
  double probe_timeout = 5;          // seconds per connection
  std::size_t jobs = 16;
};

struct TlsEndpointResult {
  tls::TlsProfile profile;
  std::vector<check::Finding> findings;
  tls_checks::EndpointSummary summary;
};

// Called as each endpoint is done (from the scanning threads, one at a time).
using TlsProgress =
    std::function<void(std::size_t done, std::size_t total, const std::string& target)>;

// Usage errors (no target, unknown --starttls, a bad policy or trust store)
// before anything is sent; an unreachable endpoint is a result, not an error.
// `clock` times each endpoint's findings.
[[nodiscard]] Result<std::vector<TlsEndpointResult>> scan_tls(const TlsScanRequest& request,
                                                              const TlsProgress& progress = {},
                                                              const Clock& clock = system_clock());

}  // namespace etguard::app
