// What an X.509 certificate says about itself, read with OpenSSL: subject,
// issuer, SHA-256 fingerprint, key type and size, signature algorithm and
// validity. Shared by the collectors that meet certificates (a TLS server's
// chain, a mobile app's signers).
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/result.h"

using X509 = struct x509_st;

namespace etguard {

struct X509Summary {
  std::string subject;
  std::string issuer;
  std::string sha256;    // fingerprint of the DER, lowercase hex
  std::string key_type;  // RSA, RSA-PSS, EC, DSA, Ed25519, Ed448
  int key_bits = 0;
  std::string curve;                // EC only
  std::string signature_algorithm;  // OpenSSL's long name ("sha256WithRSAEncryption")
  int signature_digest_nid = 0;     // NID_sha1, NID_sha256…; NID_undef for EdDSA
  bool self_signed = false;
  std::string not_before;  // ISO 8601 UTC
  std::string not_after;
};

X509Summary summarize_x509(X509* certificate);

// From DER; an input error naming `what` when it is not a certificate.
Result<X509Summary> summarize_x509_der(std::span<const std::uint8_t> der, std::string_view what);

}  // namespace etguard
