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

// Overwrites memory that held a secret (OPENSSL_cleanse: not optimised away).
void cleanse(void* data, std::size_t size);

// Wipes a container of secret bytes (a normalised password, an Argon2 output,
// a tag) when the scope ends, whichever way it ends.
template <typename Container>
class CleanseOnExit {
 public:
  explicit CleanseOnExit(Container& secret) : secret_(secret) {}
  ~CleanseOnExit() { cleanse(secret_.data(), secret_.size() * sizeof(*secret_.data())); }
  CleanseOnExit(const CleanseOnExit&) = delete;
  CleanseOnExit& operator=(const CleanseOnExit&) = delete;
  CleanseOnExit(CleanseOnExit&&) = delete;
  CleanseOnExit& operator=(CleanseOnExit&&) = delete;

 private:
  Container& secret_;
};

// Lower-case hexadecimal.
std::string hex(std::span<const std::uint8_t> bytes);

// Base64 without padding (PHC strings); with `url`, the RFC 4648 §5 alphabet
// (WebAuthn's challenges).
std::string base64(std::span<const std::uint8_t> bytes, bool url = false);

}  // namespace etauth::detail
