// WebAuthn security keys as a second factor (issue 18, Art. 35(1)): a user
// registers a key from the server's pages after confirming who they are, and
// then logs in with their password and a touch of the key instead of the
// authenticator code (the TOTP stays enrolled: re-authentication and a lost
// key still use it).
//
// Registration asks for no attestation ("none"): the public key is the
// browser's getPublicKey() SubjectPublicKeyInfo, accepted once the client
// data and authenticator data agree (auth/webauthn_registration.h). Logins verify the assertion
// fully through lib/etauth (signature, RP ID, origin, challenge, counter).
// Binary values travel as hex between the pages' script and the server.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/access.h"
#include "app/session.h"
#include "app/user_admin.h"
#include "auth/webauthn_registration.h"
#include "core/clock.h"
#include "core/random.h"
#include "core/result.h"
#include "workspace/security_keys.h"

namespace etguard::app {

using auth::bytes_of_hex;
using auth::relying_party;
using auth::RelyingParty;

// The challenges the server issued and has not yet seen answered, each
// answerable once and within two minutes. Thread-safe; the server keeps one.
class KeyChallenges {
 public:
  KeyChallenges(const Clock& clock, const Random& random);
  struct Issued {
    std::string user;
    std::string challenge;  // 32 random bytes
  };
  // A new challenge for `user`, answered under `handle` (registration: the
  // user's name; a login: a fresh random handle, returned).
  [[nodiscard]] Result<std::pair<std::string, Issued>> issue(const std::string& user,
                                                             std::optional<std::string> handle);
  // The challenge of `handle`, forgotten from now on; nullopt when there is
  // none or it expired.
  std::optional<Issued> take(const std::string& handle);

 private:
  struct Pending {
    Issued issued;
    TimePoint expires;
  };
  const Clock* clock_;
  const Random* random_;
  std::mutex mutex_;
  std::map<std::string, Pending, std::less<>> pending_;
};

// What the page's script gives navigator.credentials.create().
struct KeyRegistrationOptions {
  std::string challenge;  // hex
  std::string rp_id;
  std::string user_handle;  // hex: SHA-256 of the user name
  std::string user_name;
  std::string user_display;
  std::vector<std::string> exclude;  // the user's keys (credential ids, hex)
};

// What the page's script sends back after navigator.credentials.create().
struct NewSecurityKey {
  std::string name;                // what the user calls it
  std::string credential_id;       // rawId, hex
  std::string client_data;         // clientDataJSON, hex
  std::string authenticator_data;  // response.getAuthenticatorData(), hex
  std::string public_key;          // response.getPublicKey(), hex
  int algorithm = 0;               // response.getPublicKeyAlgorithm()
};

// The caller's own keys (any role may keep keys).
[[nodiscard]] Result<std::vector<workspace::SecurityKey>> security_keys_as(Session& session,
                                                                           const Principal& who);
// A challenge to register a key of the caller; only with a fresh login.
[[nodiscard]] Result<KeyRegistrationOptions> begin_key_registration_as(Session& session,
                                                                       const AdminAct& act,
                                                                       KeyChallenges& challenges,
                                                                       const RelyingParty& party);
// The key the browser made for that challenge, verified and recorded
// ("user.key_add" in the ledger); only with a fresh login.
[[nodiscard]] Result<workspace::SecurityKey> add_security_key_as(Session& session,
                                                                 const AdminAct& act,
                                                                 KeyChallenges& challenges,
                                                                 const RelyingParty& party,
                                                                 const NewSecurityKey& key);
// Removes key `id` of `user` ("user.key_remove"): the user's own, or any
// user's by an administrator (a lost key); only with a fresh login.
[[nodiscard]] Status remove_security_key_as(Session& session, const AdminAct& act,
                                            const std::string& user, const std::string& id);

// The part of a key login after the password: what the page's script gives
// navigator.credentials.get().
struct KeyLoginChallenge {
  std::string handle;     // names this login's second step (hex)
  std::string challenge;  // hex
  std::string rp_id;
  std::vector<std::string> credentials;  // the user's keys for this RP (hex)
};

// What the page's script sends back after navigator.credentials.get().
struct KeyAssertion {
  std::string handle;
  std::string credential_id;       // hex
  std::string client_data;         // hex
  std::string authenticator_data;  // hex
  std::string signature;           // hex
};

}  // namespace etguard::app
