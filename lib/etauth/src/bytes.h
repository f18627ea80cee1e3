// Byte and text helpers shared by etauth's sources (not installed).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace etauth::detail {

inline std::span<const std::uint8_t> as_bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// Lower-case hexadecimal.
std::string hex(std::span<const std::uint8_t> bytes);

// Base64 without padding (PHC strings); with `url`, the RFC 4648 §5 alphabet
// (WebAuthn's challenges).
std::string base64(std::span<const std::uint8_t> bytes, bool url = false);

}  // namespace etauth::detail
