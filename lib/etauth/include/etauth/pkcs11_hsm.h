// The Hsm interface over a PKCS#11 device (an HSM; SoftHSM2 in tests),
// reached through Pkcs11Token (pkcs11_token.h). Pepper keys are generic secrets created on the
// device as sensitive and non-extractable: they can be used for HMAC there
// and can never be read or wrapped out.
//
// The device is named by an RFC 7512 URI; the PIN by the host application
// (from its secret store), never logged:
//   pkcs11:token=etauth?module-path=/usr/lib/softhsm/libsofthsm2.so
#pragma once

#include <memory>
#include <string>

#include "etauth/environment.h"
#include "etauth/pkcs11_token.h"

namespace etauth {

class Pkcs11Hsm final : public Hsm {
 public:
  static Result<std::unique_ptr<Pkcs11Hsm>> open(const std::string& uri, const std::string& pin);
  ~Pkcs11Hsm() override;
  Pkcs11Hsm(const Pkcs11Hsm&) = delete;
  Pkcs11Hsm& operator=(const Pkcs11Hsm&) = delete;
  Pkcs11Hsm(Pkcs11Hsm&&) = delete;
  Pkcs11Hsm& operator=(Pkcs11Hsm&&) = delete;

  // Creates a 256-bit HMAC key labelled `key_id` on the device: sensitive,
  // non-extractable, never to be wrapped. kInvalidArgument when it exists.
  Status generate_pepper_key(const std::string& key_id);

  Result<std::array<std::uint8_t, 32>> hmac_sha256(std::string_view key_id,
                                                   std::span<const std::uint8_t> data) override;

  // For tests and audits: try to read the key's value and to wrap it out
  // with another key of the device; both must fail for a pepper key.
  bool key_value_readable(const std::string& key_id);
  bool key_wrappable(const std::string& key_id);

 private:
  explicit Pkcs11Hsm(std::unique_ptr<Pkcs11Token> token);
  std::unique_ptr<Pkcs11Token> token_;
};

}  // namespace etauth
