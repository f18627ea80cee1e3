#include "etauth/factors.h"

#include <bit>

namespace etauth {

Status require_two_factor_types(std::span<const VerifiedFactor> factors) {
  unsigned types = 0;
  for (const VerifiedFactor& factor : factors) {
    types |= static_cast<unsigned>(factor.type);
  }
  if (std::popcount(types) < 2) {
    return error(Errc::kPolicy,
                 "a login needs factors of two types (knowledge, possession, inherence)");
  }
  return {};
}

}  // namespace etauth
