// The WebAuthn security keys of a user (issue 18), as the users table keeps
// them: a JSON array in UserRecord::security_keys. Public keys only; the
// ledger records each user's keys with the rest of the user's state.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/records.h"

namespace etguard::workspace {

struct SecurityKey {
  std::string id = {};           // the credential id, hex
  std::string name = {};         // what its user calls it ("blue YubiKey")
  std::string public_key = {};   // DER SubjectPublicKeyInfo, hex
  int algorithm = -7;            // COSE: -7 ES256, -8 EdDSA, -257 RS256
  std::uint32_t sign_count = 0;  // the authenticator's counter at the last login
  std::string rp_id = {};        // the relying party it was made for ("etguard.firm.example")
  std::string added_at = {};
};

// The keys of `user`; an error naming the user when the column is not the
// array this file writes.
[[nodiscard]] Result<std::vector<SecurityKey>> security_keys_of(const store::UserRecord& user);
// The column's text for `keys`.
std::string security_keys_text(const std::vector<SecurityKey>& keys);

}  // namespace etguard::workspace
