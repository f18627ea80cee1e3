// SHA-256 through OpenSSL: one-shot, incremental, and for files; hex and
// base64 text.
#pragma once

#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"

namespace etguard {

using Sha256 = std::array<unsigned char, 32>;

std::string to_hex(const unsigned char* data, std::size_t size);
// Writes 2 * size lower-case hex digits to `out` (no allocation).
void to_hex(const unsigned char* data, std::size_t size, char* out);
inline std::string to_hex(const Sha256& digest) {
  return to_hex(digest.data(), digest.size());
}
// The bytes of `data` as lower-case hex.
inline std::string bytes_to_hex(std::string_view data) {
  return to_hex(reinterpret_cast<const unsigned char*>(data.data()), data.size());
}
// The bytes `hex` spells (an even number of hex digits, either case);
// nullopt when it is not that.
std::optional<std::string> hex_to_bytes(std::string_view hex);
// Standard base64 with padding (RFC 4648 section 4), through OpenSSL.
std::string to_base64(std::string_view data);
// base64url without padding (RFC 4648 section 5), as WebAuthn and JOSE write it.
std::string to_base64url(std::string_view data);
// The value of one hex digit (either case); -1 for anything else.
int hex_digit_value(char c);
// Reads exactly 2 * out.size() hex digits (either case) into `out`; false
// when `hex` is not that.
bool from_hex(std::string_view hex, std::span<std::uint8_t> out);

// Incremental hashing; reusable after finish(). The algorithm is fetched from
// OpenSSL once per process (OpenSSL 3 otherwise looks it up on every init).
class Sha256Hasher {
 public:
  Sha256Hasher();
  void update(std::string_view data);
  Sha256 finish();

 private:
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context_;
};

Sha256 sha256(std::string_view data);
std::string sha256_hex(std::string_view data);

// The SHA-256 of a file's content, read in chunks.
Result<Sha256> sha256_file(const std::filesystem::path& path);

}  // namespace etguard
