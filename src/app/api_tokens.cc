#include "app/api_tokens.h"

#include <fmt/format.h>
#include <openssl/crypto.h>

#include <algorithm>
#include <array>
#include <chrono>

#include "app/users.h"
#include "core/digest.h"
#include "core/text.h"

namespace etguard::app {
namespace {

constexpr std::string_view kSecretPrefix = "etg_";
constexpr std::size_t kSecretBytes = 32;
constexpr std::size_t kIdBytes = 4;
constexpr std::size_t kMaxNameBytes = 64;

Error not_a_token() {
  // One answer for every refusal of a secret: it tells a guesser nothing.
  return {ErrorKind::kDenied, "the API token is not valid (unknown, expired or revoked)",
          "API 權杖無效（未知、已過期或已撤銷）"};
}

Result<std::string> random_hex(const Random& random, std::size_t bytes) {
  std::array<std::uint8_t, kSecretBytes> buffer{};
  const std::span<std::uint8_t> out(buffer.data(), bytes);
  if (Status filled = random.fill(out); !filled) {
    return std::unexpected(filled.error());
  }
  std::string text = to_hex(out.data(), out.size());
  OPENSSL_cleanse(buffer.data(), buffer.size());
  return text;
}

std::string expiry(const Clock& clock, int days) {
  const TimePoint at = clock.now() + std::chrono::days(days);
  return FixedClock(at).utc_now();
}

Status check_name(const std::string& name) {
  const bool allowed =
      !name.empty() && name.size() <= kMaxNameBytes && std::ranges::none_of(name, [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7F;
      });
  if (!allowed) {
    return fail(ErrorKind::kUsage,
                fmt::format("'{}' cannot name a token: 1 to 64 bytes, no control characters", name),
                fmt::format("「{}」不能作為權杖名稱：須為 1 至 64 位元組，不含控制字元", name));
  }
  return {};
}

// The role and objects a token of `user` asks for, checked against what the
// user holds.
Status check_scope(const store::UserRecord& user, Role held, Role wanted,
                   const std::vector<std::string>& objects) {
  if (!covers(held, wanted)) {
    return fail(ErrorKind::kDenied,
                fmt::format("a token of {} (role {}) cannot act as {}", user.name, role_name(held),
                            role_name(wanted)),
                fmt::format("{}（角色 {}）之權杖不能以 {} 角色行事", user.name, role_name(held),
                            role_name(wanted)));
  }
  if (wanted != Role::kOwner && !objects.empty()) {
    return fail(ErrorKind::kUsage,
                "only an owner token is limited to objects (--object); give --role owner",
                "只有負責人（owner）權杖才限定對象（--object）；請指定 --role owner");
  }
  if (held == Role::kOwner) {
    const std::vector<std::string> own = split_objects(user.objects);
    for (const std::string& object : objects) {
      if (std::ranges::find(own, object) == own.end()) {
        return fail(ErrorKind::kDenied,
                    fmt::format("{} is not one of {}'s objects", object, user.name),
                    fmt::format("{} 不是 {} 負責之對象", object, user.name));
      }
    }
  }
  return {};
}

Result<Role> role_of(const std::string& text) {
  const auto role = role_named(text);
  if (!role) {
    return fail(ErrorKind::kUsage, fmt::format("'{}' is not a role; roles: {}", text, kRoleNames),
                fmt::format("「{}」不是角色；角色有：{}", text, kRoleNames));
  }
  return *role;
}

}  // namespace

Result<IssuedApiToken> create_api_token(Session& session, const ApiTokenSpec& spec) {
  if (Status named = check_name(spec.name); !named) {
    return std::unexpected(named.error());
  }
  if (spec.days < 1 || spec.days > kMaxTokenDays) {
    return fail(ErrorKind::kUsage,
                fmt::format("a token lasts 1 to {} days, not {}", kMaxTokenDays, spec.days),
                fmt::format("權杖效期為 1 至 {} 天，不能為 {} 天", kMaxTokenDays, spec.days));
  }
  workspace::Workspace& workspace = session.workspace();
  auto found = workspace.user(spec.user);
  if (!found) {
    return std::unexpected(found.error());
  }
  const std::optional<store::UserRecord>& user = *found;
  if (!user) {
    return fail(ErrorKind::kNotFound, fmt::format("there is no user {}", spec.user),
                fmt::format("沒有使用者 {}", spec.user));
  }
  if (user->disabled) {
    return fail(ErrorKind::kUsage, fmt::format("user {} is disabled", spec.user),
                fmt::format("使用者 {} 已停用", spec.user));
  }
  auto held = role_of(user->role);
  auto wanted = role_of(spec.role.empty() ? user->role : spec.role);
  if (!held || !wanted) {
    return std::unexpected(!held ? held.error() : wanted.error());
  }
  std::vector<std::string> objects = spec.objects;
  if (objects.empty() && *wanted == Role::kOwner && *held == Role::kOwner) {
    objects = split_objects(user->objects);
  }
  if (Status scoped = check_scope(*user, *held, *wanted, objects); !scoped) {
    return std::unexpected(scoped.error());
  }
  auto id = random_hex(session.random(), kIdBytes);
  auto secret = random_hex(session.random(), kSecretBytes);
  if (!id || !secret) {
    return std::unexpected(!id ? id.error() : secret.error());
  }
  IssuedApiToken issued{.id = "tok-" + *id,
                        .secret = std::string(kSecretPrefix) + *secret,
                        .expires_at = expiry(session.clock(), spec.days)};
  const store::ApiTokenRecord record{.id = issued.id,
                                     .user = user->name,
                                     .name = spec.name,
                                     .role = std::string(role_name(*wanted)),
                                     .objects = join_objects(objects),
                                     .digest = sha256_hex(issued.secret),
                                     .created_at = session.clock().utc_now(),
                                     .expires_at = issued.expires_at};
  if (Status added = workspace.add_api_token(record, session.actor()); !added) {
    return std::unexpected(added.error());
  }
  return issued;
}

Result<std::vector<ApiTokenSummary>> list_api_tokens(Session& session) {
  auto tokens = session.workspace().api_tokens();
  if (!tokens) {
    return std::unexpected(tokens.error());
  }
  const TimePoint now = session.clock().now();
  std::vector<ApiTokenSummary> out;
  for (const store::ApiTokenRecord& token : *tokens) {
    const auto expires = parse_utc(token.expires_at);
    out.push_back({.id = token.id,
                   .user = token.user,
                   .name = token.name,
                   .role = role_named(token.role).value_or(Role::kBoard),
                   .objects = split_objects(token.objects),
                   .created_at = token.created_at,
                   .expires_at = token.expires_at,
                   .revoked_at = token.revoked_at,
                   .revoked_by = token.revoked_by,
                   .expired = !expires || *expires <= now});
  }
  return out;
}

Status revoke_api_token(Session& session, const std::string& id) {
  return session.workspace().revoke_api_token(id, session.actor());
}

Result<Principal> authenticate_api_token(Session& session, std::string_view secret) {
  if (!secret.starts_with(kSecretPrefix) ||
      secret.size() != kSecretPrefix.size() + 2 * kSecretBytes) {
    return std::unexpected(not_a_token());
  }
  // Looked up by the SHA-256 of the secret: what an attacker times is a hash
  // of their guess, never a comparison with a stored secret.
  const std::string digest = sha256_hex(secret);
  auto looked_up = session.workspace().api_token_by_digest(digest);
  if (!looked_up) {
    return std::unexpected(looked_up.error());
  }
  const std::optional<store::ApiTokenRecord>& token = *looked_up;
  if (!token || token->digest.size() != digest.size() ||
      CRYPTO_memcmp(token->digest.data(), digest.data(), digest.size()) != 0 ||
      !token->revoked_at.empty()) {
    return std::unexpected(not_a_token());
  }
  const auto expires = parse_utc(token->expires_at);
  if (!expires || *expires <= session.clock().now()) {
    return std::unexpected(not_a_token());
  }
  auto found = session.workspace().user(token->user);
  if (!found) {
    return std::unexpected(found.error());
  }
  const std::optional<store::UserRecord>& user = *found;
  if (!user || user->disabled) {
    return std::unexpected(not_a_token());
  }
  const auto held = role_named(user->role);
  const auto acting = role_named(token->role);
  std::vector<std::string> objects = split_objects(token->objects);
  if (!held || !acting ||
      !check_scope(*user, *held, *acting,
                   *acting == Role::kOwner ? objects : std::vector<std::string>{})) {
    return std::unexpected(not_a_token());
  }
  return Principal{
      .name = user->name, .display = user->display, .role = *acting, .objects = std::move(objects)};
}

Result<TokenDirectory> list_api_tokens_as(Session& session, const AdminAct& act) {
  auto tokens = list_api_tokens(session);
  if (!tokens) {
    return std::unexpected(tokens.error());
  }
  const bool everyone = permits(act.who.role, Permission::kAdministerUsers);
  if (!everyone) {
    std::erase_if(*tokens,
                  [&](const ApiTokenSummary& token) { return token.user != act.who.name; });
  }
  return TokenDirectory{.tokens = std::move(*tokens), .fresh = act.fresh, .everyone = everyone};
}

Result<IssuedApiToken> create_api_token_as(Session& session, const AdminAct& act,
                                           ApiTokenSpec spec) {
  if (spec.user.empty()) {
    spec.user = act.who.name;
  }
  if (spec.user != act.who.name) {
    if (Status allowed = require(act.who, Permission::kAdministerUsers); !allowed) {
      return std::unexpected(allowed.error());
    }
  }
  if (Status fresh = require_fresh(act.fresh, "making an API token", "建立 API 權杖"); !fresh) {
    return std::unexpected(fresh.error());
  }
  return create_api_token(session, spec);
}

Status revoke_api_token_as(Session& session, const Principal& who, const std::string& id) {
  if (!permits(who.role, Permission::kAdministerUsers)) {
    auto tokens = session.workspace().api_tokens();
    if (!tokens) {
      return std::unexpected(tokens.error());
    }
    const auto found = std::ranges::find(*tokens, id, &store::ApiTokenRecord::id);
    if (found != tokens->end() && found->user != who.name) {
      return fail(ErrorKind::kDenied,
                  fmt::format("token {} is not {}'s: only its user or an administrator revokes it",
                              id, who.name),
                  fmt::format("權杖 {} 不屬於 {}：僅其使用者或管理者可撤銷", id, who.name));
    }
  }
  return revoke_api_token(session, id);
}

nlohmann::ordered_json api_tokens_json(const std::vector<ApiTokenSummary>& tokens) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const ApiTokenSummary& token : tokens) {
    list.push_back({{"id", token.id},
                    {"user", token.user},
                    {"name", token.name},
                    {"role", role_name(token.role)},
                    {"objects", token.objects},
                    {"created_at", token.created_at},
                    {"expires_at", token.expires_at},
                    {"revoked_at", token.revoked_at},
                    {"revoked_by", token.revoked_by},
                    {"active", token.revoked_at.empty() && !token.expired}});
  }
  return {{"schema", "etguard.api_tokens"}, {"version", "1.0"}, {"tokens", std::move(list)}};
}

}  // namespace etguard::app
