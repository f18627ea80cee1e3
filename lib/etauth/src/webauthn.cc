#include "etauth/webauthn.h"

#include <openssl/evp.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "bytes.h"

namespace etauth {
namespace {

constexpr std::size_t kFixedSize = 37;
constexpr std::uint8_t kUserPresent = 0x01;
constexpr std::uint8_t kUserVerified = 0x04;
constexpr std::uint8_t kAttested = 0x40;
constexpr std::uint8_t kExtensions = 0x80;

}  // namespace

Result<AuthenticatorData> parse_authenticator_data(std::span<const std::uint8_t> data) {
  if (data.size() < kFixedSize) {
    return error(Errc::kInvalidArgument, "authenticatorData is shorter than 37 bytes");
  }
  AuthenticatorData parsed;
  std::copy_n(data.begin(), 32, parsed.rp_id_hash.begin());
  const std::uint8_t flags = data[32];
  parsed.user_present = (flags & kUserPresent) != 0;
  parsed.user_verified = (flags & kUserVerified) != 0;
  parsed.attested_credential = (flags & kAttested) != 0;
  parsed.extensions = (flags & kExtensions) != 0;
  parsed.sign_count = (std::uint32_t{data[33]} << 24U) | (std::uint32_t{data[34]} << 16U) |
                      (std::uint32_t{data[35]} << 8U) | std::uint32_t{data[36]};
  if (parsed.attested_credential) {
    return error(Errc::kInvalidArgument, "an assertion carries no attested credential data");
  }
  if (!parsed.extensions && data.size() != kFixedSize) {
    return error(Errc::kInvalidArgument, "authenticatorData has trailing bytes");
  }
  return parsed;
}

Result<VerifiedAssertion> verify_assertion(std::span<const std::uint8_t> authenticator_data,
                                           std::string_view client_data_json,
                                           std::span<const std::uint8_t> signature,
                                           const StoredCredential& credential,
                                           const AssertionExpectation& expected) {
  auto data = parse_authenticator_data(authenticator_data);
  if (!data) {
    return std::unexpected(data.error());
  }
  if (data->rp_id_hash != detail::sha256(detail::as_bytes(expected.rp_id))) {
    return error(Errc::kBadCredential, "the assertion is for another relying party");
  }
  if (!data->user_present) {
    return error(Errc::kBadCredential, "the user was not present");
  }
  if (expected.require_user_verification && !data->user_verified) {
    return error(Errc::kBadCredential, "the authenticator did not verify the user");
  }
  const auto client = nlohmann::json::parse(client_data_json, nullptr, false);
  if (client.is_discarded() || !client.is_object() || !client.contains("type") ||
      !client["type"].is_string() || !client.contains("challenge") ||
      !client["challenge"].is_string() || !client.contains("origin") ||
      !client["origin"].is_string()) {
    return error(Errc::kInvalidArgument, "clientDataJSON is not a WebAuthn client data object");
  }
  if (client["type"] != "webauthn.get") {
    return error(Errc::kBadCredential, "clientDataJSON is not for an assertion");
  }
  const std::string challenge = client["challenge"];
  const std::string wanted = detail::base64(expected.challenge, true);
  if (!equal_constant_time(detail::as_bytes(challenge), detail::as_bytes(wanted))) {
    return error(Errc::kBadCredential, "the assertion answers another challenge");
  }
  if (client["origin"] != expected.origin) {
    return error(Errc::kBadCredential, "the assertion comes from another origin");
  }
  auto key = PublicKey::from_der(credential.public_key_spki);
  if (!key) {
    return std::unexpected(key.error());
  }
  Bytes signed_data(authenticator_data.begin(), authenticator_data.end());
  const auto client_hash = detail::sha256(detail::as_bytes(client_data_json));
  signed_data.append(client_hash.begin(), client_hash.end());
  const SignatureScheme scheme =
      credential.algorithm == CoseAlgorithm::kRs256   ? SignatureScheme::kRsaPkcs1Sha256
      : credential.algorithm == CoseAlgorithm::kEdDsa ? SignatureScheme::kEd25519
                                                      : SignatureScheme::kEcdsaP256Sha256;
  if (auto ok = key->verify(scheme, signed_data, signature); !ok) {
    return std::unexpected(ok.error());
  }
  // A counter that does not grow means a cloned authenticator (both zero: it keeps none).
  if ((data->sign_count != 0 || credential.sign_count != 0) &&
      data->sign_count <= credential.sign_count) {
    return error(Errc::kReplay,
                 "the signature counter did not grow: the authenticator may be cloned");
  }
  VerifiedAssertion verified;
  verified.sign_count = data->sign_count;
  verified.factors.push_back({FactorType::kPossession, "webauthn"});
  if (data->user_verified) {
    if (credential.user_verification == UserVerificationMethod::kBiometric) {
      verified.factors.push_back({FactorType::kInherence, "webauthn biometric verification"});
    } else if (credential.user_verification == UserVerificationMethod::kPin) {
      verified.factors.push_back({FactorType::kKnowledge, "webauthn PIN verification"});
    }
  }
  return verified;
}

}  // namespace etauth
