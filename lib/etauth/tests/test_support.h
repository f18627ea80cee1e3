// Shared by etauth's tests: hex decoding and an HSM stand-in that computes
// HMAC in software with a fixed key per key id (the PKCS#11 device itself is
// tested in etauth_pkcs11_test).
#pragma once

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <string>

#include "etauth/environment.h"

namespace etauth::testing {

inline Bytes from_hex(const std::string& hex) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

class SoftwareHsm final : public Hsm {
 public:
  Result<std::array<std::uint8_t, 32>> hmac_sha256(std::string_view key_id,
                                                   std::span<const std::uint8_t> data) override {
    ++calls;
    const std::string key = "device key " + std::string(key_id);
    std::array<std::uint8_t, 32> mac{};
    unsigned length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), data.data(), data.size(),
         mac.data(), &length);
    return mac;
  }
  int calls = 0;
};

}  // namespace etauth::testing
