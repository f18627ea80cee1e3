// What etauth asks of the host application: the time, randomness and keys
// held in an HSM. Each is a small interface so the library embeds into an
// existing system; SystemClock, SystemRandom (OpenSSL's CSPRNG) and
// Pkcs11Hsm (pkcs11_hsm.h) are the reference implementations.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "etauth/error.h"

namespace etauth {

using Bytes = std::basic_string<std::uint8_t>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::now();
  }
};

// Cryptographically secure random bytes.
class Random {
 public:
  virtual ~Random() = default;
  virtual Status fill(std::span<std::uint8_t> out) = 0;
};

// OpenSSL's RAND_bytes (a DRBG seeded from the operating system).
class SystemRandom final : public Random {
 public:
  Status fill(std::span<std::uint8_t> out) override;
};

// Keys that never leave the device: HMAC-SHA256 computed inside it with the
// key named `key_id` (Art. 36(3): the password pepper).
class Hsm {
 public:
  virtual ~Hsm() = default;
  virtual Result<std::array<std::uint8_t, 32>> hmac_sha256(std::string_view key_id,
                                                           std::span<const std::uint8_t> data) = 0;
};

// Constant-time equality of two byte strings of the same length (false when
// the lengths differ; the length is not secret).
bool equal_constant_time(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b);

}  // namespace etauth
