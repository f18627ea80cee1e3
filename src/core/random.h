// Where etguard takes randomness that ends up in a record (the ledger's
// signing key): injected like the clock, so a test can fix it. Production
// uses OpenSSL's CSPRNG; SeededRandom is for tests only.
#pragma once

#include <cstdint>
#include <span>

#include "core/result.h"

namespace etguard {

class Random {
 public:
  virtual ~Random() = default;
  [[nodiscard]] virtual Status fill(std::span<std::uint8_t> out) const = 0;
};

// OpenSSL's RAND_bytes (a DRBG seeded from the operating system).
const Random& system_random();

// A repeatable stream for tests: SHA-256 of (seed, counter). Never for keys
// that protect anything.
class SeededRandom final : public Random {
 public:
  explicit SeededRandom(std::uint64_t seed) : seed_(seed) {}
  Status fill(std::span<std::uint8_t> out) const override;

 private:
  std::uint64_t seed_;
  mutable std::uint64_t counter_ = 0;
};

}  // namespace etguard
