// The keys behind users' passwords and second factors on a PKCS#11 token
// (`etguard user keys --uri URI`), in place of auth/key_file_hsm: each named key
// (the password pepper, the key sealing TOTP seeds) is a generic secret of
// the token labelled "<object>-<key id>", created sensitive and
// non-extractable, and every HMAC is computed inside the token. The
// workspace keeps only the URI (no PIN: ETGUARD_PKCS11_PIN or the URI's
// pin-source gives it, as for the ledger key).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/result.h"
#include "etauth/environment.h"
#include "pkcs11/token.h"

namespace etguard::pkcs11 {

class TokenHsm final : public etauth::Hsm {
 public:
  // The token of `uri`, whose object attribute names the keys' prefix; with
  // `create`, the keys of `key_ids` it does not hold yet are generated, else
  // a missing one is an error naming it.
  [[nodiscard]] static Result<TokenHsm> open(const std::string& uri,
                                             std::span<const std::string_view> key_ids,
                                             bool create);

  // The URI as the workspace keeps it (no PIN).
  [[nodiscard]] const std::string& public_uri() const { return token_.public_uri(); }

  etauth::Result<std::array<std::uint8_t, 32>> hmac_sha256(
      std::string_view key_id, std::span<const std::uint8_t> data) override;

 private:
  explicit TokenHsm(Token token) : token_(std::move(token)) {}
  [[nodiscard]] std::string label_of(std::string_view key_id) const;
  Token token_;
};

}  // namespace etguard::pkcs11
