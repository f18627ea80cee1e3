// API tokens (issue 18): how a pipeline records its scan findings on a
// server (`etguard scan ... --push`) without a person's password. A token
// belongs to a user and acts in a role no wider than theirs; an owner's
// token reaches only the objects it names (and its user still holds). Its
// secret is shown once and only its SHA-256 is kept; it expires (at most a
// year after it was made) and can be revoked. Creating and revoking are
// ledger entries on "token/ID"; what a token records is its user's in the
// ledger, like anything they record themselves.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "app/access.h"
#include "app/session.h"
#include "app/user_admin.h"
#include "core/result.h"

namespace etguard::app {

inline constexpr int kMaxTokenDays = 366;

struct ApiTokenSpec {
  std::string user = {};
  std::string name = {};                  // what it is for: "ci-tls"
  std::string role = {};                  // empty: the user's role
  std::vector<std::string> objects = {};  // an owner token's objects; empty: the user's
  int days = 90;                          // 1 to kMaxTokenDays
};

// Shown once: the secret is not kept anywhere.
struct IssuedApiToken {
  std::string id;          // "tok-1a2b3c4d"
  std::string secret;      // "etg_" and 64 hex digits
  std::string expires_at;  // RFC 3339 UTC
};

struct ApiTokenSummary {
  std::string id;
  std::string user;
  std::string name;
  Role role = Role::kBoard;
  std::vector<std::string> objects;
  std::string created_at;
  std::string expires_at;
  std::string revoked_at;  // empty: not revoked
  std::string revoked_by;
  bool expired = false;
};

[[nodiscard]] Result<IssuedApiToken> create_api_token(Session& session, const ApiTokenSpec& spec);
[[nodiscard]] Result<std::vector<ApiTokenSummary>> list_api_tokens(Session& session);
[[nodiscard]] Status revoke_api_token(Session& session, const std::string& id);

// The principal a presented secret acts as: a kDenied error when it is not a
// token's, or its token is revoked or expired, or its user is disabled, gone
// or no longer holds the token's role.
[[nodiscard]] Result<Principal> authenticate_api_token(Session& session, std::string_view secret);

// The same for someone logged in to the server (its tokens page and API):
// everyone may hold tokens of their own; an administrator sees and revokes
// everyone's and makes them for anyone. Making one mints a credential, so it
// needs the password and code confirmed again (`act.fresh`), which a token
// never is.
struct TokenDirectory {
  std::vector<ApiTokenSummary> tokens;  // the caller's, or everyone's for an administrator
  bool fresh = false;                   // a token may be made now without re-authentication
  bool everyone = false;                // the list holds every user's tokens
};
[[nodiscard]] Result<TokenDirectory> list_api_tokens_as(Session& session, const AdminAct& act);
// `spec.user` empty: the caller.
[[nodiscard]] Result<IssuedApiToken> create_api_token_as(Session& session, const AdminAct& act,
                                                         ApiTokenSpec spec);
[[nodiscard]] Status revoke_api_token_as(Session& session, const Principal& who,
                                         const std::string& id);

// `etguard token list --json`: schema etguard.api_tokens 1.0 (never a secret).
nlohmann::ordered_json api_tokens_json(const std::vector<ApiTokenSummary>& tokens);

}  // namespace etguard::app
