// Unicode normalisation shared by passwords and account keys (not installed).
#pragma once

#include <string>
#include <string_view>

#include "etauth/error.h"

namespace etauth::detail {

enum class Normalization {
  kNfkc,          // passwords (NIST SP 800-63B 5.1.1.2)
  kNfkcCasefold,  // account keys: "A123456789", "a123456789" and "Ａ１２３..." are one
};

// `text` (UTF-8, at most `max_bytes`, checked before any conversion) in the
// given form. Intermediate buffers are cleansed: passwords pass through here.
Result<std::string> normalize_utf8(std::string_view text, Normalization form, std::size_t max_bytes,
                                   std::string_view what);

}  // namespace etauth::detail
