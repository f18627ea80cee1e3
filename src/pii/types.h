// The kinds of sensitive data the PII scanner knows. Names are the
// yardstick's (../shared/bench/pii/README.md) and part of the JSONL contract.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/lang.h"

namespace etguard::pii {

enum class PiiType : std::uint8_t {
  kNationalId,
  kResidentCertificate,
  kMobile,
  kLandline,
  kBusinessNumber,
  kCreditCard,
  kBankAccount,
  kEmail,
  kIpv4,
  kPassport,
  kSecuritiesAccount,
  kRocBirthDate,
};
inline constexpr int kBuiltinTypeCount = 12;

std::string_view type_name(PiiType type);  // "TW_NATIONAL_ID", ...
Text type_title(PiiType type);             // 身分證字號 / national ID

}  // namespace etguard::pii
