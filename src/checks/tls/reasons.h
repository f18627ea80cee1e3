// The stable reason codes of the TLS checks (docs/tls-checks.md), with their
// bilingual explanations. Codes never change meaning; new ones are added.
#pragma once

#include <string>
#include <string_view>

#include "checks/check.h"

namespace etguard::tls_checks {

// A reason for `code` with `detail` appended to the standard explanation
// (e.g. the suites or certificate concerned). Unknown codes are a bug.
check::Reason reason(std::string_view code, const std::string& detail_en,
                     const std::string& detail_zh);

// The codes and whether each is a warning, for documentation and tests.
struct ReasonCode {
  std::string_view code;
  bool warning;
  std::string_view en;
  std::string_view zh;
};
std::span<const ReasonCode> reason_codes();

}  // namespace etguard::tls_checks
