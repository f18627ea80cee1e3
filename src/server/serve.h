// The HTTPS listener of `etguard serve` (Boost.Beast on Asio): TLS 1.2 and
// 1.3 only, with the cipher suites Art. 34 admits; bounded requests (header
// and body sizes, and the time a client has to send them, so slow clients
// cannot hold the server); handlers run on a worker pool, and those that
// check a password (Argon2id) in a lane of their own, so that a flood of
// logins neither stops the I/O of other requests nor takes their workers.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "core/result.h"
#include "server/site.h"

namespace etguard::server {

struct ServeOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8443;  // 0: any free port (tests)
  std::filesystem::path cert;
  std::filesystem::path key;
  unsigned workers = 0;  // 0: one per core, at least two
};

// Serves `site` until SIGINT or SIGTERM; `ready` is told the bound port once
// the server accepts connections.
[[nodiscard]] Status serve(Site& site, const ServeOptions& options,
                           const std::function<void(std::uint16_t port)>& ready);

}  // namespace etguard::server
