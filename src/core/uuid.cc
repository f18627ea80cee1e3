#include "core/uuid.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <array>
#include <cstdint>

namespace etguard {
namespace {

// The etguard namespace UUID: 6f1c7a52-2b0e-4d3a-9c55-1e8f0a7d4b21.
constexpr std::array<std::uint8_t, 16> kNamespace = {
    0x6f, 0x1c, 0x7a, 0x52, 0x2b, 0x0e, 0x4d, 0x3a, 0x9c, 0x55, 0x1e, 0x8f, 0x0a, 0x7d, 0x4b, 0x21};

}  // namespace

Result<std::string> name_based_uuid(std::string_view name) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int digest_size = 0;
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  const bool ok = context != nullptr && EVP_DigestInit_ex(context, EVP_sha1(), nullptr) == 1 &&
                  EVP_DigestUpdate(context, kNamespace.data(), kNamespace.size()) == 1 &&
                  EVP_DigestUpdate(context, name.data(), name.size()) == 1 &&
                  EVP_DigestFinal_ex(context, digest.data(), &digest_size) == 1;
  EVP_MD_CTX_free(context);
  if (!ok || digest_size < 16) {
    return fail(ErrorKind::kInternal, "OpenSSL could not compute SHA-1 for a UUID",
                "OpenSSL 無法為 UUID 計算 SHA-1");
  }
  digest[6] = static_cast<unsigned char>((digest[6] & 0x0FU) | 0x50U);  // version 5
  digest[8] = static_cast<unsigned char>((digest[8] & 0x3FU) | 0x80U);  // RFC variant
  std::string out;
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) {
      out += '-';
    }
    out += fmt::format("{:02x}", digest[i]);
  }
  return out;
}

}  // namespace etguard
