// Test helper: whether a text is a name-based UUID (RFC 9562 version 5) in
// its canonical lower-case form, 8-4-4-4-12 hex digits.
#pragma once

#include <cstddef>
#include <string_view>

namespace etguard::test_support {

inline bool is_version5_uuid(std::string_view text) {
  constexpr std::size_t kLength = 36;
  if (text.size() != kLength) {
    return false;
  }
  for (std::size_t i = 0; i < kLength; ++i) {
    const char c = text[i];
    const bool hyphen = i == 8 || i == 13 || i == 18 || i == 23;
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    if (hyphen ? c != '-' : !hex) {
      return false;
    }
  }
  const char variant = text[19];
  return text[14] == '5' && (variant == '8' || variant == '9' || variant == 'a' || variant == 'b');
}

}  // namespace etguard::test_support
