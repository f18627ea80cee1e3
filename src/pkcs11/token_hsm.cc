#include "pkcs11/token_hsm.h"

#include <fmt/format.h>

#include <algorithm>

namespace etguard::pkcs11 {

std::string TokenHsm::label_of(std::string_view key_id) const {
  return fmt::format("{}-{}", token_.object_label(), key_id);
}

Result<TokenHsm> TokenHsm::open(const std::string& uri, std::span<const std::string_view> key_ids,
                                bool create) {
  auto token = Token::open(uri);
  if (!token) {
    return std::unexpected(token.error());
  }
  TokenHsm hsm(std::move(*token));
  for (const std::string_view key_id : key_ids) {
    const std::string label = hsm.label_of(key_id);
    if (hsm.token_.has_secret_key(label)) {
      continue;
    }
    if (!create) {
      return fail(
          ErrorKind::kNotFound,
          fmt::format("the PKCS#11 token of '{}' holds no key '{}'", hsm.public_uri(), label),
          fmt::format("'{}' 之 PKCS#11 權杖中沒有金鑰 '{}'", hsm.public_uri(), label));
    }
    if (Status made = hsm.token_.generate_hmac_key(label); !made) {
      return std::unexpected(made.error());
    }
  }
  return hsm;
}

etauth::Result<std::array<std::uint8_t, 32>> TokenHsm::hmac_sha256(
    std::string_view key_id, std::span<const std::uint8_t> data) {
  auto mac = token_.hmac_sha256(label_of(key_id), data);
  if (!mac || mac->size() != 32) {
    return std::unexpected(
        etauth::Error{etauth::Errc::kHsm, mac ? "the token's HMAC is not 32 bytes"
                                              : "the PKCS#11 token: " + mac.error().message});
  }
  std::array<std::uint8_t, 32> out{};
  std::ranges::copy(*mac, out.begin());
  return out;
}

}  // namespace etguard::pkcs11
