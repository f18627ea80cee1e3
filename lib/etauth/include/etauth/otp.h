// One-time passwords: HOTP (RFC 4226) and TOTP (RFC 6238) with SHA-1,
// SHA-256 or SHA-512. A verifier accepts a code within a bounded window of
// time steps, once: the step it matched must be later than the last one used,
// so a code cannot be replayed (the caller stores last_step with the seed).
// Seeds come from the CSPRNG.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "etauth/environment.h"
#include "etauth/error.h"

namespace etauth {

enum class OtpHash { kSha1, kSha256, kSha512 };

// The RFC 4226 value of `counter`: dynamic truncation, `digits` (6 to 9) digits.
Result<std::string> hotp(std::span<const std::uint8_t> seed, std::uint64_t counter, int digits,
                         OtpHash hash = OtpHash::kSha1);

struct TotpSettings {
  OtpHash hash = OtpHash::kSha1;
  int digits = 6;
  std::chrono::seconds step{30};
  std::chrono::sys_seconds epoch{};  // T0
  int window = 1;                    // steps accepted either side of now
};

// The RFC 6238 value at `at`.
Result<std::string> totp(std::span<const std::uint8_t> seed, std::chrono::sys_seconds at,
                         const TotpSettings& settings = {});

// The time step of `at`.
std::uint64_t totp_step(std::chrono::sys_seconds at, const TotpSettings& settings);

// Checks `code` against the steps within the window of `now`, comparing in
// constant time and refusing steps at or before `last_step` (already used;
// nullopt when no code was used yet).
// Returns the step matched, which the caller stores as the new last_step;
// kReplay when the code was that of a used step, kBadCredential otherwise.
Result<std::uint64_t> verify_totp(std::span<const std::uint8_t> seed, std::string_view code,
                                  std::chrono::sys_seconds now,
                                  std::optional<std::uint64_t> last_step,
                                  const TotpSettings& settings = {});

// A new seed from `random`: 20 bytes for SHA-1, 32 for SHA-256, 64 for SHA-512
// (the hash's block of output, as RFC 6238 Appendix A uses).
Result<Bytes> new_otp_seed(Random& random, OtpHash hash);

// Seeds at rest: sealed with AES-256-GCM under a key derived inside the HSM
// (HMAC with the non-extractable key `key_id`) for this account, so a copy of
// the account store holds no usable seed and a sealed seed cannot be moved to
// another account. IV (12) | ciphertext | tag (16).
Result<Bytes> seal_otp_seed(Hsm& hsm, std::string_view key_id, std::string_view account,
                            std::span<const std::uint8_t> seed, Random& random);
Result<Bytes> open_otp_seed(Hsm& hsm, std::string_view key_id, std::string_view account,
                            std::span<const std::uint8_t> sealed);

}  // namespace etauth
