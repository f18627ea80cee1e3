// Loopback servers for the TLS tests, so `make test` needs nothing outside
// the repository: a real OpenSSL server configured per test, and an emulator
// that answers ClientHellos the way servers Debian's OpenSSL cannot build
// would (SSLv2, SSLv3, RC4, 3DES), or not at all (silent, non-TLS).
#pragma once

#include <openssl/ssl.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "tls/wire.h"

namespace etguard::testing {

struct ServerOptions {
  bool ipv6 = false;  // listen on ::1 instead of 127.0.0.1
  bool smtp = false;  // speak SMTP and STARTTLS before TLS
};

// Accepts connections one at a time on an ephemeral loopback port.
class LoopbackServer {
 public:
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;
  virtual ~LoopbackServer();

  std::uint16_t port() const { return port_; }
  std::string target() const;  // "127.0.0.1:PORT" or "[::1]:PORT"

 protected:
  explicit LoopbackServer(ServerOptions options);
  void start();  // call from the derived constructor
  void stop();   // call from the derived destructor
  virtual void serve(int fd) = 0;
  bool smtp_handshake(int fd) const;

 private:
  void loop();
  ServerOptions options_;
  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

// A real OpenSSL server; `configure` sets up the context (certificates,
// versions, suites, groups, preference, security level).
// Accepts every connection and closes it at once, answering nothing.
class HangUpServer final : public LoopbackServer {
 public:
  HangUpServer();
  ~HangUpServer() override;

 private:
  void serve(int fd) override;
};

class OpenSslServer final : public LoopbackServer {
 public:
  explicit OpenSslServer(const std::function<void(SSL_CTX*)>& configure,
                         ServerOptions options = {});
  ~OpenSslServer() override;

 private:
  void serve(int fd) override;
  SSL_CTX* context_ = nullptr;
};

struct Emulation {
  std::vector<std::uint16_t> versions;       // SSLv3 .. TLS 1.2 versions accepted
  std::vector<std::uint16_t> suites;         // server preference order
  std::uint16_t group = 23;                  // ECDHE group announced
  std::uint16_t scheme = 0x0401;             // TLS 1.2 ServerKeyExchange signature scheme
  tls::Bytes certificate;                    // DER of the one certificate sent
  std::vector<std::uint32_t> sslv2_ciphers;  // non-empty: answer SSLv2 CLIENT-HELLOs
  std::string raw_reply;                     // non-empty: answer anything with these bytes
  bool silent = false;                       // read and never answer
};

// Answers ClientHellos from a script: no cryptography, just the messages a
// server of that kind sends before encryption starts.
class EmulatedServer final : public LoopbackServer {
 public:
  explicit EmulatedServer(Emulation emulation, ServerOptions options = {});
  ~EmulatedServer() override;

 private:
  void serve(int fd) override;
  tls::Bytes answer(const tls::Bytes& hello) const;
  Emulation emulation_;
};

}  // namespace etguard::testing
