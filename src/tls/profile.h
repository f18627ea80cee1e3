// Everything a TLS scan learned about one endpoint: the evidence the Art. 34
// checks judge. Collected once by scan_endpoint, read by every TLS check.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tls/certificate.h"
#include "tls/connection.h"

namespace etguard::tls {

struct AcceptedSuite {
  std::uint16_t code = 0;
  std::optional<std::uint16_t>
      group;        // ECDHE group (TLS <= 1.2 from ServerKeyExchange; 1.3 from HRR)
  int dh_bits = 0;  // finite-field DHE prime size
  std::optional<std::uint16_t> scheme;  // TLS 1.2 ServerKeyExchange signature scheme
};

struct ProtocolSupport {
  std::uint16_t version = 0;
  bool accepted = false;
  std::vector<AcceptedSuite> suites;  // in the order the server chose them
  std::optional<bool> server_order;   // true: the server enforces its own preference
  std::vector<std::uint16_t> groups;  // key-exchange groups accepted (ECDHE for <= 1.2)
  std::vector<std::uint32_t> sslv2_ciphers;
};

struct PresentedChain {
  std::string offered;  // what the client offered to get it: "RSA", "ECDSA", "EdDSA", "DSA"
  std::uint16_t version = 0;
  ChainInfo chain;
  std::optional<std::uint16_t> scheme;  // TLS 1.3 CertificateVerify scheme
};

struct TlsProfile {
  Endpoint endpoint;
  bool reachable = false;
  std::string error;                       // why the scan could not complete
  bool not_tls = false;                    // the service answered, but not in TLS
  std::vector<ProtocolSupport> protocols;  // SSLv2 .. TLS 1.3, every one tried
  std::vector<PresentedChain> chains;      // distinct chains seen
  // TLS 1.2 ServerKeyExchange schemes chosen when the client offers a modern
  // list (SHA-1 last), and the scheme used when the client offers SHA-1 only.
  std::vector<std::uint16_t> handshake_schemes;
  std::optional<std::uint16_t> sha1_only_scheme;
  int handshakes = 0;
  double seconds = 0;

  const ProtocolSupport* protocol(std::uint16_t version) const;
};

}  // namespace etguard::tls
