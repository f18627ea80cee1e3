#include "etauth/pkcs11_hsm.h"

namespace etauth {

Pkcs11Hsm::Pkcs11Hsm(std::unique_ptr<Pkcs11Token> token) : token_(std::move(token)) {}
Pkcs11Hsm::~Pkcs11Hsm() = default;

Result<std::unique_ptr<Pkcs11Hsm>> Pkcs11Hsm::open(const std::string& uri, const std::string& pin) {
  auto token = Pkcs11Token::open(uri, pin);
  if (!token) {
    return std::unexpected(token.error());
  }
  return std::unique_ptr<Pkcs11Hsm>(new Pkcs11Hsm(std::move(*token)));
}

Status Pkcs11Hsm::generate_pepper_key(const std::string& key_id) {
  return token_->generate_hmac_key(key_id);
}

Result<std::array<std::uint8_t, 32>> Pkcs11Hsm::hmac_sha256(std::string_view key_id,
                                                            std::span<const std::uint8_t> data) {
  auto mac = token_->hmac_sha256(key_id, data);
  if (!mac && mac.error().code == Errc::kNotFound) {
    return error(Errc::kNotFound, "no pepper key with this id on the device");
  }
  return mac;
}

bool Pkcs11Hsm::key_value_readable(const std::string& key_id) {
  return token_->key_value_readable(key_id);
}

bool Pkcs11Hsm::key_wrappable(const std::string& key_id) {
  return token_->key_wrappable(key_id);
}

}  // namespace etauth
