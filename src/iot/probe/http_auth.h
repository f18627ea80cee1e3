// HTTP authentication as a device's web page or camera stream asks for it:
// the challenges of a WWW-Authenticate field (RFC 9110 section 11.6.1) and
// the Digest answer to one (RFC 7616, and RFC 2069's form without qop that
// old cameras still send). Shared by the HTTP and RTSP probes; the hashes
// come from OpenSSL.
#pragma once

#include <boost/beast/http/fields.hpp>
#include <expected>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace etguard::iot::probe {

struct AuthChallenge {
  std::string scheme;  // lower case: "basic", "digest"
  // Parameter names in lower case, values unquoted; a token68 (as Negotiate
  // sends) is kept under the empty name.
  std::vector<std::pair<std::string, std::string>> params;

  // The value of `name` (lower case); empty when absent.
  [[nodiscard]] std::string_view param(std::string_view name) const;
};

// Every challenge of one field value ("Digest realm=\"cam\", qop=\"auth\",
// Basic realm=\"cam\""). Reading stops at the first malformed element (an
// unterminated quote, a parameter without a scheme): what was read before it
// is kept, so a device's odd header never loses the challenges it did send.
std::vector<AuthChallenge> parse_challenges(std::string_view field);

// The first challenge of `scheme` (lower case); nullptr when none is offered.
const AuthChallenge* find_challenge(const std::vector<AuthChallenge>& challenges,
                                    std::string_view scheme);

// The challenges of every WWW-Authenticate field of a reply, in order.
std::vector<AuthChallenge> challenges_of(const boost::beast::http::fields& fields);

struct DigestRequest {
  std::string_view method;  // "GET", "DESCRIBE"
  std::string_view uri;     // the request target, as sent
  std::string_view user;
  std::string_view password;
  std::string_view cnonce = {};  // the client nonce (answer_digest makes one)
};

// The Authorization value answering a Digest `challenge`: MD5, SHA-256 and
// their -sess forms, with qop "auth" where offered, else without qop. The
// error says what the challenge asks that is not answered (no nonce,
// auth-int alone, another algorithm, userhash); it never holds a credential.
std::expected<std::string, std::string> digest_authorization(const AuthChallenge& challenge,
                                                             const DigestRequest& request);

// 16 random bytes from OpenSSL, as 32 hex digits.
std::string new_cnonce();

// What a probe sends with a credential: "Basic ..." (RFC 7617), or the
// Digest answer to a fresh reply (`status`, `challenges`) with a new client
// nonce; the error says why there is none (not a 401 with a Digest challenge,
// or one digest_authorization does not answer).
std::string basic_authorization(std::string_view user, std::string_view password);
std::expected<std::string, std::string> answer_digest(unsigned status,
                                                      const std::vector<AuthChallenge>& challenges,
                                                      const DigestRequest& request);

}  // namespace etguard::iot::probe
