// The interpretation calls of Art. 34, made explicit and configurable
// (docs/tls-policy.md). Defaults are the product's reading of the clause.
#pragma once

#include <string>

#include "core/result.h"

namespace etguard::tls_checks {

struct TlsPolicy {
  // "或其他安全強度相同含以上之演算法": Curve25519/448 (X25519, X448,
  // Ed25519, Ed448), ChaCha20-Poly1305, Camellia and ARIA are admitted.
  bool admit_curve25519_448 = true;
  bool admit_chacha20 = true;
  bool admit_camellia_aria = true;
  // The clause names ECDHE: finite-field DH fails, in TLS 1.3 too.
  bool finite_field_dh_fails = true;
  // SHA-256 floor for integrity: HMAC-SHA1 record MACs fail.
  bool sha1_mac_fails = true;
  // 64-bit authentication tags (CCM_8) are below the integrity floor.
  bool short_tag_fails = true;
  // An untrusted chain is a warning unless this is set.
  bool untrusted_fails = false;
  int min_rsa_bits = 2048;
  int min_ec_bits = 256;
  int min_dh_bits = 2048;  // used only when finite-field DH is admitted
};

// Reads a YAML policy file; every key is optional, unknown keys are errors
// naming the file and line.
Result<TlsPolicy> load_tls_policy(const std::string& path);

}  // namespace etguard::tls_checks
