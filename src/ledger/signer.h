// The ledger's signing key: Ed25519 through OpenSSL, kept as a PEM file with
// mode 0600 in the workspace. (PKCS#11 tokens are a planned alternative.)
#pragma once

#include <openssl/evp.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace etguard::ledger {

class SigningKey {
 public:
  // Generates a new key and writes it to `path` (0600, refusing to overwrite).
  static Result<SigningKey> generate(const std::filesystem::path& path);
  // Loads the key at `path`; refuses a key file readable by group or others.
  static Result<SigningKey> load(const std::filesystem::path& path);

  // A 64-byte Ed25519 signature of `message`, hex-encoded.
  Result<std::string> sign(std::string_view message) const;
  // The public key, hex-encoded raw 32 bytes (what verifiers need).
  const std::string& public_key_hex() const { return public_key_hex_; }
  // First 16 hex digits of SHA-256(public key): names the key in checkpoints.
  const std::string& key_id() const { return key_id_; }

 private:
  explicit SigningKey(EVP_PKEY* key);
  std::shared_ptr<EVP_PKEY> key_;
  std::string public_key_hex_;
  std::string key_id_;
};

// Verifies a hex signature against a hex public key (raw Ed25519).
bool verify_signature(std::string_view public_key_hex, std::string_view message,
                      std::string_view signature_hex);

std::string key_id_of(std::string_view public_key_hex);

}  // namespace etguard::ledger
