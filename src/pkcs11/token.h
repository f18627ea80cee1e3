// A PKCS#11 token (an HSM, or SoftHSM2 in tests) holding keys that never
// leave it: Ed25519 for signing (the ledger) and generic secrets for HMAC
// (peppers, pseudonyms). Keys are created sensitive and non-extractable.
//
// Tokens are named by RFC 7512 URIs, parsed by p11-kit:
//   pkcs11:token=etguard;object=ledger?module-path=/usr/lib/softhsm/libsofthsm2.so
// The PIN comes from ETGUARD_PKCS11_PIN, else from the URI's pin-source
// (a file) or pin-value; it is never logged or stored by etguard.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace etguard::pkcs11 {

using Bytes = std::vector<std::uint8_t>;

class Token {
 public:
  static Result<Token> open(const std::string& uri);
  Token(Token&&) noexcept;
  Token& operator=(Token&&) noexcept;
  Token(const Token&) = delete;
  Token& operator=(const Token&) = delete;
  ~Token();

  // The URI without any PIN (safe to store and show).
  const std::string& public_uri() const { return public_uri_; }
  const std::string& object_label() const { return label_; }

  bool has_private_key() const;
  // Generates an Ed25519 key pair labelled object_label(): the private half
  // sensitive and non-extractable, both stored on the token.
  Status generate_ed25519();
  // The raw 32-byte Ed25519 public key of object_label().
  Result<Bytes> ed25519_public_key() const;
  // A 64-byte Ed25519 signature made inside the token.
  Result<Bytes> sign_ed25519(std::span<const std::uint8_t> message) const;

  bool has_secret_key() const { return has_secret_key(label_); }
  // Generates a 256-bit generic secret labelled object_label() for HMAC:
  // sensitive, non-extractable, stored on the token.
  Status generate_hmac_key() { return generate_hmac_key(label_); }
  // HMAC-SHA256 of `message` computed inside the token with that secret.
  Result<Bytes> hmac_sha256(std::span<const std::uint8_t> message) const {
    return hmac_sha256(label_, message);
  }
  // The same for another secret of this token, named by its `label`.
  bool has_secret_key(std::string_view label) const;
  Status generate_hmac_key(std::string_view label);
  Result<Bytes> hmac_sha256(std::string_view label, std::span<const std::uint8_t> message) const;

 private:
  struct State;
  explicit Token(std::unique_ptr<State> state, std::string public_uri, std::string label);
  std::unique_ptr<State> state_;
  std::string public_uri_;
  std::string label_;
};

}  // namespace etguard::pkcs11
