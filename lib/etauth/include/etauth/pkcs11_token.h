// One session on a PKCS#11 token (an HSM; SoftHSM2 in tests), reached
// through p11-kit: the one PKCS#11 layer of etauth and of the applications
// built on it. Keys are named by their label and created on the token as
// sensitive and non-extractable: Ed25519 key pairs for signatures and
// 256-bit generic secrets for HMAC-SHA256. Calls are serialised (one
// session), so a token may be shared between threads.
//
// The token is named by an RFC 7512 URI with a module-path:
//   pkcs11:token=etauth?module-path=/usr/lib/softhsm/libsofthsm2.so
// The PIN comes from the host application (its secret store), never logged.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "etauth/environment.h"

namespace etauth {

class Pkcs11Token {
 public:
  static Result<std::unique_ptr<Pkcs11Token>> open(const std::string& uri, const std::string& pin);
  ~Pkcs11Token();
  Pkcs11Token(const Pkcs11Token&) = delete;
  Pkcs11Token& operator=(const Pkcs11Token&) = delete;
  Pkcs11Token(Pkcs11Token&&) = delete;
  Pkcs11Token& operator=(Pkcs11Token&&) = delete;

  bool has_private_key(std::string_view label) const;
  bool has_secret_key(std::string_view label) const;

  // An Ed25519 key pair labelled `label`, the private half never leaving the token.
  Status generate_ed25519(std::string_view label);
  // The raw 32-byte public key.
  Result<Bytes> ed25519_public_key(std::string_view label) const;
  // A 64-byte signature made inside the token.
  Result<Bytes> sign_ed25519(std::string_view label, std::span<const std::uint8_t> message) const;

  // A 256-bit secret for HMAC labelled `label`; never readable, never wrapped.
  // kInvalidArgument when one exists.
  Status generate_hmac_key(std::string_view label);
  Result<std::array<std::uint8_t, 32>> hmac_sha256(std::string_view label,
                                                   std::span<const std::uint8_t> data) const;

  // For tests and audits: try to read a secret's value and to wrap it out
  // with another key of the token; both fail for the keys made here.
  bool key_value_readable(std::string_view label) const;
  bool key_wrappable(std::string_view label) const;

 private:
  struct State;
  explicit Pkcs11Token(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace etauth
