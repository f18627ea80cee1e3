#include "etauth/otp.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

#include "bytes.h"
#include "etauth/crypto.h"

namespace etauth {
namespace {

const EVP_MD* digest(OtpHash hash) {
  switch (hash) {
    case OtpHash::kSha1:
      return EVP_sha1();
    case OtpHash::kSha256:
      return EVP_sha256();
    case OtpHash::kSha512:
      return EVP_sha512();
  }
  return EVP_sha1();
}

constexpr std::array<std::uint32_t, 10> kPowers{1,      10,      100,      1000,      10000,
                                                100000, 1000000, 10000000, 100000000, 1000000000};

}  // namespace

Result<std::string> hotp(std::span<const std::uint8_t> seed, std::uint64_t counter, int digits,
                         OtpHash hash) {
  if (digits < 6 || digits > 9) {
    return error(Errc::kInvalidArgument, "an OTP has 6 to 9 digits");
  }
  if (seed.empty()) {
    return error(Errc::kInvalidArgument, "empty OTP seed");
  }
  std::array<std::uint8_t, 8> message{};
  for (int i = 7; i >= 0; --i) {
    message[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(counter & 0xFFU);
    counter >>= 8U;
  }
  std::array<std::uint8_t, EVP_MAX_MD_SIZE> mac{};
  unsigned length = 0;
  if (HMAC(digest(hash), seed.data(), static_cast<int>(seed.size()), message.data(), message.size(),
           mac.data(), &length) == nullptr) {
    return error(Errc::kCrypto, "HMAC failed");
  }
  const unsigned offset = mac[length - 1] & 0x0FU;  // RFC 4226 section 5.3
  const std::uint32_t binary =
      ((std::uint32_t{mac[offset]} & 0x7FU) << 24U) | (std::uint32_t{mac[offset + 1]} << 16U) |
      (std::uint32_t{mac[offset + 2]} << 8U) | std::uint32_t{mac[offset + 3]};
  std::string code = std::to_string(binary % kPowers[static_cast<std::size_t>(digits)]);
  code.insert(0, static_cast<std::size_t>(digits) - code.size(), '0');
  return code;
}

std::uint64_t totp_step(std::chrono::sys_seconds at, const TotpSettings& settings) {
  const auto since = std::chrono::duration_cast<std::chrono::seconds>(at - settings.epoch);
  return since.count() < 0 ? 0 : static_cast<std::uint64_t>(since / settings.step);
}

Result<std::string> totp(std::span<const std::uint8_t> seed, std::chrono::sys_seconds at,
                         const TotpSettings& settings) {
  return hotp(seed, totp_step(at, settings), settings.digits, settings.hash);
}

Result<std::uint64_t> verify_totp(std::span<const std::uint8_t> seed, std::string_view code,
                                  std::chrono::sys_seconds now,
                                  std::optional<std::uint64_t> last_step,
                                  const TotpSettings& settings) {
  if (code.size() != static_cast<std::size_t>(settings.digits) || settings.window < 0 ||
      settings.window > 10) {
    return error(Errc::kBadCredential, "wrong one-time password");
  }
  const std::uint64_t current = totp_step(now, settings);
  const auto given = std::span(reinterpret_cast<const std::uint8_t*>(code.data()), code.size());
  bool replayed = false;
  // Every step of the window is computed and compared, matched or not, so
  // the time taken does not tell which step (or whether any) matched.
  std::uint64_t matched = 0;
  bool found = false;
  for (int delta = -settings.window; delta <= settings.window; ++delta) {
    if (delta < 0 && current < static_cast<std::uint64_t>(-delta)) {
      continue;
    }
    const std::uint64_t step =
        current + static_cast<std::uint64_t>(static_cast<std::int64_t>(delta));
    auto expected = hotp(seed, step, settings.digits, settings.hash);
    if (!expected) {
      return std::unexpected(expected.error());
    }
    const bool same = equal_constant_time(
        given,
        std::span(reinterpret_cast<const std::uint8_t*>(expected->data()), expected->size()));
    if (same && last_step && step <= *last_step) {
      replayed = true;
    } else if (same && !found) {
      matched = step;
      found = true;
    }
  }
  if (found) {
    return matched;
  }
  if (replayed) {
    return error(Errc::kReplay, "the one-time password was already used");
  }
  return error(Errc::kBadCredential, "wrong one-time password");
}

namespace {

Result<GcmKey> seed_key(Hsm& hsm, std::string_view key_id, std::string_view account) {
  const std::string label = "etauth otp seed key\n" + std::string(account);
  auto derived = hsm.hmac_sha256(key_id, detail::as_bytes(label));
  if (!derived) {
    return std::unexpected(derived.error());
  }
  auto key = GcmKey::create(*derived);
  OPENSSL_cleanse(derived->data(), derived->size());
  return key;
}

}  // namespace

Result<Bytes> seal_otp_seed(Hsm& hsm, std::string_view key_id, std::string_view account,
                            std::span<const std::uint8_t> seed, Random& random) {
  auto key = seed_key(hsm, key_id, account);
  if (!key) {
    return std::unexpected(key.error());
  }
  Bytes sealed(kGcmIvBytes, 0);
  if (auto filled = random.fill(sealed); !filled) {
    return std::unexpected(filled.error());
  }
  const Bytes iv = sealed;
  if (auto ok = key->seal(iv, detail::as_bytes(account), seed, sealed); !ok) {
    return std::unexpected(ok.error());
  }
  return sealed;
}

Result<Bytes> open_otp_seed(Hsm& hsm, std::string_view key_id, std::string_view account,
                            std::span<const std::uint8_t> sealed) {
  if (sealed.size() < kGcmIvBytes + kGcmTagBytes) {
    return error(Errc::kBadCredential, "the sealed seed is truncated");
  }
  auto key = seed_key(hsm, key_id, account);
  if (!key) {
    return std::unexpected(key.error());
  }
  Bytes seed;
  if (auto ok = key->open(sealed.first(kGcmIvBytes), detail::as_bytes(account),
                          sealed.subspan(kGcmIvBytes), seed);
      !ok) {
    return std::unexpected(ok.error());
  }
  return seed;
}

Result<Bytes> new_otp_seed(Random& random, OtpHash hash) {
  Bytes seed(hash == OtpHash::kSha1 ? 20 : hash == OtpHash::kSha256 ? 32 : 64, 0);
  if (auto filled = random.fill(seed); !filled) {
    return std::unexpected(filled.error());
  }
  return seed;
}

}  // namespace etauth
