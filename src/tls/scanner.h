// The TLS collector: enumerates protocols, suites, groups, certificates and
// handshake signatures of one endpoint with as few handshakes as it can.
#pragma once

#include <chrono>
#include <ctime>

#include "tls/profile.h"

namespace etguard::tls {

struct ScanOptions {
  std::chrono::milliseconds probe_timeout{5000};      // one connection
  std::chrono::milliseconds endpoint_timeout{60000};  // the whole endpoint
  const TrustStore* trust = nullptr;
  std::time_t now = 0;  // 0: the current time
};

// Scans one resolved endpoint. Never throws; problems end up in profile.error.
TlsProfile scan_endpoint(const Endpoint& endpoint, const ScanOptions& options);

}  // namespace etguard::tls
