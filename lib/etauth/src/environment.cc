#include "etauth/environment.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

namespace etauth {

Status SystemRandom::fill(std::span<std::uint8_t> out) {
  if (out.empty()) {
    return {};
  }
  if (RAND_bytes(out.data(), static_cast<int>(out.size())) != 1) {
    return error(Errc::kCrypto, "the random generator failed");
  }
  return {};
}

bool equal_constant_time(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace etauth
