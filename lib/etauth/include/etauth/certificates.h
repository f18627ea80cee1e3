// Certificates as a login factor (Art. 35(5)): only certificates issued by
// the certification authorities the firm approves (those licensed by the
// Ministry of Economic Affairs), checked as a chain at the time of use, with
// a key usage that allows signing and a key etauth accepts; and renewal
// strengthened: a new key is certified only with a fresh one-time password
// and a request signed with the current certificate's key.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "etauth/crypto.h"
#include "etauth/error.h"
#include "etauth/otp.h"

namespace etauth {

class ApprovedAuthorities {
 public:
  // The approved CA certificates (DER); kInvalidArgument for one that is not a CA.
  static Result<ApprovedAuthorities> create(std::span<const Bytes> ca_certificates);
  ApprovedAuthorities(ApprovedAuthorities&&) noexcept;
  ApprovedAuthorities& operator=(ApprovedAuthorities&&) noexcept;
  ApprovedAuthorities(const ApprovedAuthorities&) = delete;
  ApprovedAuthorities& operator=(const ApprovedAuthorities&) = delete;
  ~ApprovedAuthorities();

  // Verifies `leaf` (with any intermediates) at `at`; the leaf's public key
  // when the chain ends at an approved CA, every certificate is valid then,
  // and the leaf may sign (digitalSignature or nonRepudiation).
  Result<PublicKey> verify(std::span<const std::uint8_t> leaf, std::span<const Bytes> intermediates,
                           std::chrono::sys_seconds at) const;

 private:
  struct State;
  explicit ApprovedAuthorities(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

struct RenewalRequest {
  Bytes new_public_key;  // DER SubjectPublicKeyInfo of the key to certify
  Bytes signature;       // by the current key, over renewal_message(new_public_key)
  SignatureScheme scheme = SignatureScheme::kEcdsaP256Sha256;
  std::string otp_code;  // from the customer's registered device
};

// What the current key signs to ask for a renewal.
Bytes renewal_message(std::span<const std::uint8_t> new_public_key);

// The renewal may go ahead: the OTP is fresh (its step, to be stored, is
// returned) and the current key signed the request; the new key is acceptable.
Result<std::uint64_t> check_renewal(const RenewalRequest& request, const PublicKey& current_key,
                                    std::span<const std::uint8_t> otp_seed,
                                    std::chrono::sys_seconds now,
                                    std::optional<std::uint64_t> last_otp_step,
                                    const TotpSettings& settings = {});

}  // namespace etauth
