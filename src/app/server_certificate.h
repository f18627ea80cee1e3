// The certificate `etguard serve` presents (issue 18). A firm gives its own
// (--cert/--key, from its CA); otherwise one is made on first start, self-
// signed for the names and addresses the server listens on, and kept in the
// workspace (.etguard/server/, the key readable by its owner only) so that
// browsers and `etguard scan tls --ca` can be told to trust it once.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/session.h"
#include "core/result.h"

namespace etguard::app {

struct ServerCertificate {
  std::filesystem::path cert;
  std::filesystem::path key;
  std::string sha256;    // of the certificate (DER), as browsers show it
  bool created = false;  // made now, self-signed
};

// `cert` and `key` when both are given (read, and checked that they belong
// together); else the workspace's, made now if absent, for `hosts` (DNS
// names and IP addresses, the first one its subject).
[[nodiscard]] Result<ServerCertificate> server_certificate(
    Session& session, const std::optional<std::filesystem::path>& cert,
    const std::optional<std::filesystem::path>& key, const std::vector<std::string>& hosts);

}  // namespace etguard::app
