// The ledger's signing key: Ed25519, either through OpenSSL from a PEM file
// with mode 0600 in the workspace, or inside a PKCS#11 token (an HSM) that
// never lets the private key out.
#pragma once

#include <openssl/evp.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/random.h"
#include "core/result.h"
#include "pkcs11/token.h"

namespace etguard::ledger {

class SigningKey {
 public:
  // Generates a new key and writes it to `path` (0600, refusing to overwrite).
  static Result<SigningKey> generate(const std::filesystem::path& path,
                                     const Random& random = system_random());
  // Loads the key at `path`; refuses a key file readable by group or others.
  static Result<SigningKey> load(const std::filesystem::path& path);
  // The Ed25519 key labelled by the URI's object on a PKCS#11 token,
  // generated there (non-extractable) when it does not exist yet.
  static Result<SigningKey> from_token(const std::string& uri);
  // For a token key: its URI without the PIN; empty for a file key.
  std::string token_uri() const { return token_ ? token_->public_uri() : std::string(); }

  // A 64-byte Ed25519 signature of `message`, hex-encoded.
  Result<std::string> sign(std::string_view message) const;
  // The public key, hex-encoded raw 32 bytes (what verifiers need).
  const std::string& public_key_hex() const { return public_key_hex_; }
  // First 16 hex digits of SHA-256(public key): names the key in checkpoints.
  const std::string& key_id() const { return key_id_; }

 private:
  explicit SigningKey(EVP_PKEY* key);
  SigningKey(std::shared_ptr<pkcs11::Token> token, std::string_view public_key_hex);
  std::shared_ptr<EVP_PKEY> key_;
  std::shared_ptr<pkcs11::Token> token_;
  std::string public_key_hex_;
  std::string key_id_;
};

// Verifies a hex signature against a hex public key (raw Ed25519).
bool verify_signature(std::string_view public_key_hex, std::string_view message,
                      std::string_view signature_hex);

std::string key_id_of(std::string_view public_key_hex);

// The public key as PEM (SubjectPublicKeyInfo), what `openssl pkeyutl
// -verify -pubin -inkey` reads; empty for a malformed key.
std::string public_key_pem(std::string_view public_key_hex);
// A public key given as 64 hex digits, or as an Ed25519 PEM public key:
// the raw key in hex; an input error naming `source` otherwise.
Result<std::string> parse_public_key(std::string_view text, std::string_view source);

}  // namespace etguard::ledger
