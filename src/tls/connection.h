// TCP connections to one TLS endpoint: resolve once, connect with a deadline,
// optionally upgrade with STARTTLS (SMTP), send a ClientHello and read the
// server's plaintext answer. Every wait is bounded by the caller's deadline.
#pragma once

#include <sys/socket.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "core/result.h"
#include "tls/handshake.h"

namespace etguard::tls {

using Clock = std::chrono::steady_clock;

enum class Starttls { kNone, kSmtp };

struct Endpoint {
  std::string target;  // as the user gave it
  std::string host;    // name or address literal (no brackets)
  std::uint16_t port = 443;
  std::string server_name;  // SNI; empty when host is an address literal
  Starttls starttls = Starttls::kNone;
  sockaddr_storage address{};
  socklen_t address_length = 0;
};

// Resolves endpoint.host into endpoint.address (first address returned).
Status resolve(Endpoint& endpoint);

// An open socket; closes on destruction.
class Socket {
 public:
  Socket() = default;
  explicit Socket(int descriptor) : fd_(descriptor) {}
  Socket(Socket&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Socket& operator=(Socket&& other) noexcept;
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  ~Socket();

  int fd() const { return fd_; }
  // Releases ownership (for handing the descriptor to OpenSSL).
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_ = -1;
};

enum class ProbeStatus {
  kAnswered,     // the server sent a ServerHello
  kRejected,     // alert or closed connection: this offer is not accepted
  kTimeout,      // no complete answer before the deadline
  kUnreachable,  // could not connect (or STARTTLS refused)
  kMalformed,    // the answer is not TLS
};

struct ProbeResult {
  ProbeStatus status = ProbeStatus::kUnreachable;
  ServerFlight flight;
  std::string detail;   // why, for unreachable and malformed
  bool silent = false;  // the server closed without sending a single byte
};

// Connects (and runs STARTTLS when asked) — the plain socket ready for a ClientHello.
Result<Socket> open_connection(const Endpoint& endpoint, Clock::time_point deadline);

// One probe: connect, send `hello`, read the answer, close.
ProbeResult probe(const Endpoint& endpoint, const Bytes& hello, std::uint16_t offered_version,
                  Clock::time_point deadline);

}  // namespace etguard::tls
