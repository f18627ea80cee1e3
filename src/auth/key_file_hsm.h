// The keys behind users' passwords and second factors when no PKCS#11 token
// is configured: one 256-bit secret in a file only its owner may read
// (.etguard/keys/auth.key), from which each named key (the password pepper,
// the key sealing TOTP seeds) is derived. It stands in for the token behind
// etauth's Hsm interface, so the same hashing and sealing code runs on both.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string_view>

#include "core/random.h"
#include "core/result.h"
#include "etauth/environment.h"

namespace etguard::auth {

class KeyFileHsm final : public etauth::Hsm {
 public:
  // The key at `path`, created (0600, exclusively) from `random` when absent.
  // A file others may read, or one that is not a key, is an error naming it.
  [[nodiscard]] static Result<KeyFileHsm> open_or_create(const std::filesystem::path& path,
                                                         const Random& random);
  KeyFileHsm(KeyFileHsm&&) noexcept = default;
  KeyFileHsm& operator=(KeyFileHsm&&) noexcept = default;
  KeyFileHsm(const KeyFileHsm&) = delete;
  KeyFileHsm& operator=(const KeyFileHsm&) = delete;
  ~KeyFileHsm() override;

  // HMAC-SHA256 under the key named `key_id` (derived from the file's secret).
  etauth::Result<std::array<std::uint8_t, 32>> hmac_sha256(
      std::string_view key_id, std::span<const std::uint8_t> data) override;

 private:
  explicit KeyFileHsm(const std::array<std::uint8_t, 32>& secret) : secret_(secret) {}
  std::array<std::uint8_t, 32> secret_{};
};

}  // namespace etguard::auth
