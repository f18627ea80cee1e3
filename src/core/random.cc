#include "core/random.h"

#include <openssl/rand.h>

#include <algorithm>
#include <string>

#include "core/digest.h"

namespace etguard {
namespace {

class SystemRandom final : public Random {
 public:
  Status fill(std::span<std::uint8_t> out) const override {
    if (RAND_bytes(out.data(), static_cast<int>(out.size())) != 1) {
      return fail(ErrorKind::kInternal, "the system's random number generator failed",
                  "系統亂數產生器失敗");
    }
    return {};
  }
};

}  // namespace

const Random& system_random() {
  static const SystemRandom random;
  return random;
}

Status SeededRandom::fill(std::span<std::uint8_t> out) const {
  std::size_t done = 0;
  while (done < out.size()) {
    const std::string block = std::to_string(seed_) + "/" + std::to_string(counter_++);
    const Sha256 digest = sha256(block);
    const std::size_t take = std::min(digest.size(), out.size() - done);
    std::copy_n(digest.begin(), take, out.begin() + static_cast<std::ptrdiff_t>(done));
    done += take;
  }
  return {};
}

}  // namespace etguard
