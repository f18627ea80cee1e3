// Art. 35(1): a login needs factors of two different types — something the
// user knows, has, or is. Two knowledge factors (a password and a PIN) are
// one type, not two.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "etauth/error.h"

namespace etauth {

enum class FactorType : std::uint8_t {
  kKnowledge = 1,   // password, PIN, voice password
  kPossession = 2,  // TOTP device, registered phone, certificate, hardware token
  kInherence = 4,   // fingerprint, face
};

struct VerifiedFactor {
  FactorType type;
  std::string name;  // for the audit trail: "password", "totp", ...
};

// kPolicy unless the verified factors cover at least two types.
Status require_two_factor_types(std::span<const VerifiedFactor> factors);

}  // namespace etauth
