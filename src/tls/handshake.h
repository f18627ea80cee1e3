// Raw TLS handshake messages: the ClientHello etguard sends (any version from
// SSLv2 to TLS 1.3, any suite list, including suites no library will speak)
// and a parser for what the server answers, up to the point where the answer
// stops being plaintext. Nothing here does cryptography; it only reads what a
// server declares.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tls/wire.h"

namespace etguard::tls {

// Protocol versions as on the wire; SSLv2 gets its own code.
inline constexpr std::uint16_t kSsl2 = 0x0002;
inline constexpr std::uint16_t kSsl3 = 0x0300;
inline constexpr std::uint16_t kTls10 = 0x0301;
inline constexpr std::uint16_t kTls11 = 0x0302;
inline constexpr std::uint16_t kTls12 = 0x0303;
inline constexpr std::uint16_t kTls13 = 0x0304;

std::string version_name(std::uint16_t version);

struct ClientHelloSpec {
  std::uint16_t version = kTls12;  // the one version offered
  std::vector<std::uint16_t> suites;
  std::vector<std::uint16_t> groups;
  std::vector<std::uint16_t> signature_schemes;
  std::string server_name;  // SNI; empty for none
};

// The bytes of one TLS record carrying a ClientHello. TLS 1.3 offers
// supported_versions = {1.3} with an empty key_share, so a server that
// accepts answers with a HelloRetryRequest naming its group: no key
// agreement is needed to learn the suite and the group.
Bytes build_client_hello(const ClientHelloSpec& spec);

// An SSLv2 CLIENT-HELLO offering every SSLv2 cipher kind.
Bytes build_sslv2_client_hello();

struct ServerKeyExchange {
  bool elliptic = false;                // ECDHE (else finite-field DHE)
  std::uint16_t group = 0;              // named group (ECDHE)
  int dh_bits = 0;                      // prime size (DHE)
  std::optional<std::uint16_t> scheme;  // TLS 1.2 signature scheme
};

struct ServerFlight {
  std::optional<std::uint8_t> alert;  // fatal alert description
  bool server_hello = false;
  bool hello_retry = false;   // TLS 1.3 HelloRetryRequest
  std::uint16_t version = 0;  // negotiated (supported_versions aware)
  std::uint16_t suite = 0;
  std::optional<std::uint16_t> group;        // TLS 1.3 key_share / HRR selected group
  std::vector<Bytes> certificates;           // DER, leaf first (TLS <= 1.2)
  Bytes key_exchange;                        // raw ServerKeyExchange body
  bool done = false;                         // ServerHelloDone seen
  std::vector<std::uint32_t> sslv2_ciphers;  // SSLv2 SERVER-HELLO cipher kinds
};

// Feeds bytes as they arrive; complete() says when the server has said all
// it will say in plaintext (or failed). Malformed input sets error().
class FlightParser {
 public:
  explicit FlightParser(std::uint16_t offered_version) : offered_version_(offered_version) {}

  void feed(std::span<const std::uint8_t> data);
  bool complete() const { return complete_; }
  const std::optional<std::string>& error() const { return error_; }
  const ServerFlight& flight() const { return flight_; }

 private:
  void parse_records();
  void parse_handshake_messages();
  void parse_message(std::uint8_t type, std::span<const std::uint8_t> body);
  void parse_server_hello(std::span<const std::uint8_t> body);
  void parse_certificates(std::span<const std::uint8_t> body);
  void parse_sslv2();
  void set_error(std::string message);

  std::uint16_t offered_version_;
  Bytes input_;
  Bytes handshake_;
  ServerFlight flight_;
  bool complete_ = false;
  std::optional<std::string> error_;
};

// Reads a ServerKeyExchange body for a suite with the given key exchange.
std::optional<ServerKeyExchange> parse_server_key_exchange(std::span<const std::uint8_t> body,
                                                           bool elliptic, bool anonymous,
                                                           std::uint16_t version);

}  // namespace etguard::tls
