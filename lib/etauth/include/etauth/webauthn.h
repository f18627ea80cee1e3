// WebAuthn / FIDO2 assertions (Art. 35(1)): a security key or platform
// authenticator that verified its user is the possession factor plus the
// inherence or knowledge factor it checked locally — two types in one
// gesture. The assertion is verified fully: the authenticator data's flags
// (user present, user verified), the RP ID hash, the signature counter, the
// client data (type, challenge, origin), and the signature over
// authenticatorData || SHA-256(clientDataJSON) with the credential's key
// (ES256, RS256 or EdDSA, as registered). User verification counts as a
// second factor type only when the registration recorded how the
// authenticator verifies its user: a biometric is inherence, a PIN is
// knowledge; unknown counts as possession alone.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "etauth/crypto.h"
#include "etauth/error.h"
#include "etauth/factors.h"

namespace etauth {

struct AuthenticatorData {
  std::array<std::uint8_t, 32> rp_id_hash{};
  bool user_present = false;
  bool user_verified = false;
  bool attested_credential = false;
  bool extensions = false;
  std::uint32_t sign_count = 0;
};

// The fixed part (37 bytes) of authenticatorData; kInvalidArgument when
// shorter, or when the flags announce data an assertion must not carry.
Result<AuthenticatorData> parse_authenticator_data(std::span<const std::uint8_t> data);

// COSE algorithm identifiers (RFC 9053) of the signatures accepted.
enum class CoseAlgorithm : int { kEs256 = -7, kEdDsa = -8, kRs256 = -257 };

// How the authenticator verifies its user, recorded at registration (from the
// authenticator's metadata statement or the firm's device list).
enum class UserVerificationMethod { kUnknown, kBiometric, kPin };

struct StoredCredential {
  Bytes public_key_spki;         // from registration, as DER SubjectPublicKeyInfo
  std::uint32_t sign_count = 0;  // last seen
  CoseAlgorithm algorithm = CoseAlgorithm::kEs256;
  UserVerificationMethod user_verification = UserVerificationMethod::kUnknown;
};

struct AssertionExpectation {
  std::string rp_id;   // "trade.example.com.tw"
  std::string origin;  // "https://trade.example.com.tw"
  Bytes challenge;     // the random challenge this login issued
  bool require_user_verification = true;
};

struct VerifiedAssertion {
  std::uint32_t sign_count = 0;  // store it as the credential's new count
  // Possession; with UV set, inherence (biometric) or knowledge (PIN) as
  // the credential records.
  std::vector<VerifiedFactor> factors;
};

Result<VerifiedAssertion> verify_assertion(std::span<const std::uint8_t> authenticator_data,
                                           std::string_view client_data_json,
                                           std::span<const std::uint8_t> signature,
                                           const StoredCredential& credential,
                                           const AssertionExpectation& expected);

}  // namespace etauth
