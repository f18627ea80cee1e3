// The checks of a WebAuthn registration that need no state (issue 18): the
// relying party of an origin, and whether what a browser's
// navigator.credentials.create() answered (attestation "none") agrees with
// the challenge we issued and our origin. Outside input: fuzzed
// (fuzz/webauthn_registration.cc). Binary values travel as hex.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace etguard::auth {

// Where keys are used: the RP ID (the origin's host) and the origin itself.
struct RelyingParty {
  std::string id;
  std::string origin;
};

// The relying party of `origin` ("https://host[:port]", no path); an error
// naming it when it is not HTTPS or its host is an IP address (WebAuthn
// binds keys to a domain name).
[[nodiscard]] Result<RelyingParty> relying_party(std::string_view origin);

// What the browser answered to navigator.credentials.create(), in hex.
struct KeyRegistration {
  std::string credential_id;       // rawId
  std::string client_data;         // clientDataJSON
  std::string authenticator_data;  // response.getAuthenticatorData()
  std::string public_key;          // response.getPublicKey(): DER SubjectPublicKeyInfo
  int algorithm = 0;               // response.getPublicKeyAlgorithm() (COSE)
};

// A key that passed: its credential id and public key (hex), algorithm, the
// signature counter it started with and the RP ID it was made for.
struct RegisteredKey {
  std::string id;
  std::string public_key;
  int algorithm = 0;
  std::uint32_t sign_count = 0;
  std::string rp_id;
};

// Client data (type webauthn.create, `challenge`, our origin), authenticator
// data (RP ID hash, user presence, the credential id it attests) and the
// public key (parsable, of the algorithm named: ES256, EdDSA or RS256)
// checked; a usage error saying which disagrees.
[[nodiscard]] Result<RegisteredKey> verify_registration(const KeyRegistration& key,
                                                        std::string_view challenge,
                                                        const RelyingParty& party);

// Decodes `hex` (either case); an error naming `what` when it is not hex.
[[nodiscard]] Result<std::string> bytes_of_hex(std::string_view hex, std::string_view what);

}  // namespace etguard::auth
