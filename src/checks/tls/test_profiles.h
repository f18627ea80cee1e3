// Synthetic TlsProfiles for the checks' unit tests: a compliant baseline
// that each test bends in one dimension. Test-only.
#pragma once

#include "tls/handshake.h"
#include "tls/profile.h"

namespace etguard::tls_checks::testing {

inline tls::AcceptedSuite suite(std::uint16_t code, std::optional<std::uint16_t> group = 23,
                                std::optional<std::uint16_t> scheme = 0x0804) {
  tls::AcceptedSuite accepted;
  accepted.code = code;
  accepted.group = group;
  accepted.scheme = scheme;
  return accepted;
}

inline tls::CertificateInfo certificate(std::string key_type = "RSA", int bits = 2048) {
  tls::CertificateInfo cert;
  cert.subject = "/CN=localhost";
  cert.issuer = "/CN=test CA";
  cert.key_type = std::move(key_type);
  cert.key_bits = bits;
  cert.signature_algorithm = "sha256WithRSAEncryption";
  cert.signature_hash = tls::HashKind::kSha256;
  cert.not_before = "2026-01-01T00:00:00Z";
  cert.not_after = "2027-01-01T00:00:00Z";
  return cert;
}

// TLS 1.2 with ECDHE-RSA-AES128-GCM over P-256, TLS 1.3 with AES-GCM over
// X25519/P-256, one trusted RSA-2048 chain, SHA-256 handshake signatures.
inline tls::TlsProfile compliant_profile() {
  tls::TlsProfile profile;
  profile.endpoint.target = "example:443";
  profile.reachable = true;
  for (std::uint16_t version : {tls::kSsl2, tls::kSsl3, tls::kTls10, tls::kTls11}) {
    tls::ProtocolSupport support;
    support.version = version;
    profile.protocols.push_back(support);
  }
  tls::ProtocolSupport tls12;
  tls12.version = tls::kTls12;
  tls12.accepted = true;
  tls12.suites = {suite(0xC02F), suite(0xC030)};
  tls12.server_order = true;
  tls12.groups = {23, 24};
  profile.protocols.push_back(tls12);
  tls::ProtocolSupport tls13;
  tls13.version = tls::kTls13;
  tls13.accepted = true;
  tls13.suites = {suite(0x1301, 29, std::nullopt), suite(0x1302, 29, std::nullopt)};
  tls13.groups = {29, 23};
  profile.protocols.push_back(tls13);
  tls::PresentedChain chain;
  chain.offered = "RSA";
  chain.version = tls::kTls12;
  chain.chain.certificates = {certificate()};
  chain.chain.trusted = true;
  chain.chain.name_matches = true;
  profile.chains.push_back(chain);
  profile.handshake_schemes = {0x0804};
  return profile;
}

inline tls::ProtocolSupport& protocol(tls::TlsProfile& profile, std::uint16_t version) {
  for (tls::ProtocolSupport& support : profile.protocols) {
    if (support.version == version) {
      return support;
    }
  }
  throw std::logic_error("no such protocol in the test profile");
}

}  // namespace etguard::tls_checks::testing
