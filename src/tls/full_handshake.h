// A complete TLS 1.3 handshake through OpenSSL, for what a raw probe cannot
// see because TLS 1.3 encrypts it: the certificate chain the server chooses
// for a given set of signature schemes, and the scheme it signs with.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tls/connection.h"

namespace etguard::tls {

struct FullHandshake {
  std::vector<Bytes> chain;             // DER, leaf first
  std::optional<std::uint16_t> scheme;  // CertificateVerify signature scheme
  std::string group;                    // negotiated key-exchange group
  std::uint16_t suite = 0;
};

// Runs a TLS 1.3 handshake offering only `schemes` (OpenSSL sigalgs syntax,
// e.g. "ecdsa_secp256r1_sha256:ecdsa_secp384r1_sha384"). nullopt when the
// server refuses (it has no certificate for those schemes).
std::optional<FullHandshake> tls13_handshake(const Endpoint& endpoint, const std::string& schemes,
                                             Clock::time_point deadline);

}  // namespace etguard::tls
