// Byte and text helpers shared by etauth's sources (not installed).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace etauth::detail {

inline std::span<const std::uint8_t> as_bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

std::array<std::uint8_t, 32> sha256(std::span<const std::uint8_t> bytes);

// Appends `value` as 8 big-endian bytes.
void put_be64(std::basic_string<std::uint8_t>& out, std::uint64_t value);

// The ids of keys (pepper keys, envelope keys): 1 to 64 of A-Z a-z 0-9 . _ -
bool valid_key_id(std::string_view id);

// Lower-case hexadecimal.
std::string hex(std::span<const std::uint8_t> bytes);

// Base64 without padding (PHC strings); with `url`, the RFC 4648 §5 alphabet
// (WebAuthn's challenges).
std::string base64(std::span<const std::uint8_t> bytes, bool url = false);

}  // namespace etauth::detail
