// The message-protection primitives of Art. 34, each with the floor the
// guideline names, all through OpenSSL 3: AES-GCM (128-bit keys or more,
// 96-bit IVs, full 128-bit tags) for confidentiality; HMAC-SHA256 and AES-CMAC
// (full tags) for integrity and origin; ECDSA P-256 and RSA-PSS (2048 bits or
// more, SHA-256, MGF1-SHA256, 32-byte salt) for signatures and
// non-repudiation; PKCS#1 v1.5 for verifying legacy certificates' signatures
// only. Tags and signatures are compared in constant time; anything below
// the floor is refused, not accepted quietly.
#pragma once

#include <memory>
#include <span>
#include <string>

#include "etauth/environment.h"
#include "etauth/error.h"

namespace etauth {

inline constexpr std::size_t kGcmIvBytes = 12;
inline constexpr std::size_t kGcmTagBytes = 16;

// An AES-GCM key ready for many messages (its key schedule is made once).
// Not thread-safe: one per thread, or guarded.
// NIST SP 800-38D 8.3: with random 96-bit IVs, one key seals at most 2^32
// messages; after that seal() refuses (kPolicy) and the key must be rotated.
inline constexpr std::uint64_t kGcmMaxRandomIvSeals = std::uint64_t{1} << 32U;

class GcmKey {
 public:
  // `max_seals` below the NIST bound only (tests, or a firm's shorter rotation).
  static Result<GcmKey> create(std::span<const std::uint8_t> key,
                               std::uint64_t max_seals = kGcmMaxRandomIvSeals);
  GcmKey(GcmKey&&) noexcept;
  GcmKey& operator=(GcmKey&&) noexcept;
  GcmKey(const GcmKey&) = delete;
  GcmKey& operator=(const GcmKey&) = delete;
  ~GcmKey();

  // Appends ciphertext || tag to `out`; kPolicy once the key has sealed
  // `max_seals` messages.
  Status seal(std::span<const std::uint8_t> iv, std::span<const std::uint8_t> aad,
              std::span<const std::uint8_t> plaintext, Bytes& out);
  // Appends the plaintext to `out`; kBadCredential (and nothing appended) when
  // the tag does not verify.
  Status open(std::span<const std::uint8_t> iv, std::span<const std::uint8_t> aad,
              std::span<const std::uint8_t> sealed, Bytes& out);
  std::uint64_t seals() const;  // messages sealed with this key so far

 private:
  struct State;
  explicit GcmKey(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// One message with a fresh GcmKey: ciphertext || tag.
Result<Bytes> aes_gcm_seal(std::span<const std::uint8_t> key, std::span<const std::uint8_t> iv,
                           std::span<const std::uint8_t> aad,
                           std::span<const std::uint8_t> plaintext);
// kBadCredential when the tag does not verify (nothing of the plaintext is returned).
Result<Bytes> aes_gcm_open(std::span<const std::uint8_t> key, std::span<const std::uint8_t> iv,
                           std::span<const std::uint8_t> aad, std::span<const std::uint8_t> sealed);

Result<Bytes> hmac_sha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data);
Status verify_hmac_sha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data,
                          std::span<const std::uint8_t> tag);
Result<Bytes> aes_cmac(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data);
Status verify_aes_cmac(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data,
                       std::span<const std::uint8_t> tag);

enum class SignatureScheme {
  kEcdsaP256Sha256,     // DER signatures (X.509, CMS)
  kEcdsaP256Sha256Raw,  // r || s, 64 bytes (IEEE P1363, WebAuthn COSE, JWS)
  kRsaPssSha256,        // 2048 bits or more
  kRsaPkcs1Sha256,      // verify only: legacy certificates, WebAuthn RS256
  kEd25519,             // verify only: WebAuthn EdDSA authenticators
};

// A public key from DER SubjectPublicKeyInfo, strictly: P-256 only by its
// named-curve OID (OpenSSL 3.0 would accept explicit curve parameters, which
// lets a forged curve in), RSA of 2048 bits or more, Ed25519 (verify only).
class PublicKey {
 public:
  static Result<PublicKey> from_der(std::span<const std::uint8_t> spki);
  PublicKey(PublicKey&&) noexcept;
  PublicKey& operator=(PublicKey&&) noexcept;
  PublicKey(const PublicKey&) = delete;
  PublicKey& operator=(const PublicKey&) = delete;
  ~PublicKey();

  // kBadCredential when the signature does not verify or does not fit the scheme.
  Status verify(SignatureScheme scheme, std::span<const std::uint8_t> message,
                std::span<const std::uint8_t> signature) const;
  bool is_ec() const;

 private:
  struct State;
  explicit PublicKey(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
  friend class PrivateKey;
};

// A signing key held in process (keys in an HSM sign through the device).
class PrivateKey {
 public:
  static Result<PrivateKey> generate_p256();
  static Result<PrivateKey> generate_rsa(int bits);
  static Result<PrivateKey> from_der(std::span<const std::uint8_t> pkcs8);
  PrivateKey(PrivateKey&&) noexcept;
  PrivateKey& operator=(PrivateKey&&) noexcept;
  PrivateKey(const PrivateKey&) = delete;
  PrivateKey& operator=(const PrivateKey&) = delete;
  ~PrivateKey();

  // kEcdsaP256Sha256, kEcdsaP256Sha256Raw or kRsaPssSha256 (PKCS#1 v1.5 is refused).
  Result<Bytes> sign(SignatureScheme scheme, std::span<const std::uint8_t> message) const;
  Result<Bytes> public_der() const;

 private:
  struct State;
  explicit PrivateKey(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace etauth
