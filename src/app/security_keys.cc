#include "app/security_keys.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/digest.h"
#include "core/text.h"

namespace etguard::app {
namespace {

constexpr auto kChallengeLife = std::chrono::minutes(2);
constexpr std::size_t kMaxPending = 10'000;
constexpr std::size_t kChallengeBytes = 32;
constexpr std::size_t kMaxKeysPerUser = 10;
constexpr std::size_t kMaxKeyNameBytes = 64;

Result<store::UserRecord> user_record(Session& session, const std::string& name) {
  auto user = session.workspace().user(name);
  if (!user) {
    return std::unexpected(user.error());
  }
  std::optional<store::UserRecord>& found = *user;
  if (!found.has_value()) {
    return fail(ErrorKind::kNotFound, fmt::format("there is no user {}", name),
                fmt::format("沒有使用者 {}", name));
  }
  return std::move(*found);
}

Status need_fresh(const AdminAct& act) {
  return require_fresh(act.fresh, "changing security keys", "變更安全金鑰");
}

}  // namespace

KeyChallenges::KeyChallenges(const Clock& clock, const Random& random)
    : clock_(&clock), random_(&random) {}

Result<std::pair<std::string, KeyChallenges::Issued>> KeyChallenges::issue(
    const std::string& user, std::optional<std::string> handle) {
  std::string challenge(kChallengeBytes, '\0');
  if (Status filled =
          random_->fill({reinterpret_cast<std::uint8_t*>(challenge.data()), challenge.size()});
      !filled) {
    return std::unexpected(filled.error());
  }
  if (!handle) {
    std::string drawn(16, '\0');
    if (Status filled =
            random_->fill({reinterpret_cast<std::uint8_t*>(drawn.data()), drawn.size()});
        !filled) {
      return std::unexpected(filled.error());
    }
    handle = bytes_to_hex(drawn);
  }
  const TimePoint now = clock_->now();
  const std::scoped_lock lock(mutex_);
  std::erase_if(pending_, [&](const auto& entry) { return entry.second.expires <= now; });
  if (pending_.size() >= kMaxPending) {
    return fail(ErrorKind::kDenied, "too many security key ceremonies at once; try again",
                "同時進行之安全金鑰作業過多，請稍後再試");
  }
  Issued issued{.user = user, .challenge = std::move(challenge)};
  pending_[*handle] = {.issued = issued, .expires = now + kChallengeLife};
  return std::pair{*handle, std::move(issued)};
}

std::optional<KeyChallenges::Issued> KeyChallenges::take(const std::string& handle) {
  const TimePoint now = clock_->now();
  const std::scoped_lock lock(mutex_);
  const auto found = pending_.find(handle);
  if (found == pending_.end()) {
    return std::nullopt;
  }
  Pending pending = std::move(found->second);
  pending_.erase(found);
  if (pending.expires <= now) {
    return std::nullopt;
  }
  return std::move(pending.issued);
}

Result<std::vector<workspace::SecurityKey>> security_keys_as(Session& session,
                                                             const Principal& who) {
  auto user = user_record(session, who.name);
  if (!user) {
    return std::unexpected(user.error());
  }
  return workspace::security_keys_of(*user);
}

Result<KeyRegistrationOptions> begin_key_registration_as(Session& session, const AdminAct& act,
                                                         KeyChallenges& challenges,
                                                         const RelyingParty& party) {
  if (Status fresh = need_fresh(act); !fresh) {
    return std::unexpected(fresh.error());
  }
  auto keys = security_keys_as(session, act.who);
  if (!keys) {
    return std::unexpected(keys.error());
  }
  auto issued = challenges.issue(act.who.name, "register:" + act.who.name);
  if (!issued) {
    return std::unexpected(issued.error());
  }
  KeyRegistrationOptions options{.challenge = bytes_to_hex(issued->second.challenge),
                                 .rp_id = party.id,
                                 .user_handle = sha256_hex(act.who.name),
                                 .user_name = act.who.name,
                                 .user_display = act.who.display,
                                 .exclude = {}};
  for (const workspace::SecurityKey& key : *keys) {
    options.exclude.push_back(key.id);
  }
  return options;
}

Result<workspace::SecurityKey> add_security_key_as(Session& session, const AdminAct& act,
                                                   KeyChallenges& challenges,
                                                   const RelyingParty& party,
                                                   const NewSecurityKey& key) {
  if (Status fresh = need_fresh(act); !fresh) {
    return std::unexpected(fresh.error());
  }
  const std::string name(trim(key.name));
  if (name.empty() || name.size() > kMaxKeyNameBytes) {
    return fail(ErrorKind::kUsage, "name the key (1 to 64 bytes), e.g. 'blue YubiKey'",
                "請為金鑰命名（1 至 64 位元組），例如「藍色 YubiKey」");
  }
  const auto issued = challenges.take("register:" + act.who.name);
  if (!issued) {
    return fail(ErrorKind::kUsage,
                "no registration is waiting for this key, or it took more than two minutes: "
                "start again",
                "沒有等待此金鑰之註冊，或已逾兩分鐘：請重新開始");
  }
  auto checked = auth::verify_registration({.credential_id = key.credential_id,
                                            .client_data = key.client_data,
                                            .authenticator_data = key.authenticator_data,
                                            .public_key = key.public_key,
                                            .algorithm = key.algorithm},
                                           issued->challenge, party);
  if (!checked) {
    return std::unexpected(checked.error());
  }
  workspace::SecurityKey verified{.id = checked->id,
                                  .name = name,
                                  .public_key = checked->public_key,
                                  .algorithm = checked->algorithm,
                                  .sign_count = checked->sign_count,
                                  .rp_id = checked->rp_id,
                                  .added_at = session.clock().utc_now()};
  Status added = session.workspace().update_user(
      act.who.name, "user.key_add",
      [&](store::UserRecord& user) -> Status {
        auto keys = workspace::security_keys_of(user);
        if (!keys) {
          return std::unexpected(keys.error());
        }
        if (std::ranges::any_of(*keys, [&](const auto& kept) { return kept.id == verified.id; })) {
          return fail(ErrorKind::kUsage, "this key is registered already", "此金鑰已註冊");
        }
        if (keys->size() >= kMaxKeysPerUser) {
          return fail(ErrorKind::kUsage,
                      fmt::format("you have {} keys, the most one user may keep: remove one first",
                                  keys->size()),
                      fmt::format("您已有 {} 支金鑰，已達上限：請先移除一支", keys->size()));
        }
        keys->push_back(verified);
        user.security_keys = workspace::security_keys_text(*keys);
        return {};
      },
      session.actor());
  if (!added) {
    return std::unexpected(added.error());
  }
  return verified;
}

Status remove_security_key_as(Session& session, const AdminAct& act, const std::string& user,
                              const std::string& id) {
  if (user != act.who.name) {
    if (Status allowed = require(act.who, Permission::kAdministerUsers); !allowed) {
      return allowed;
    }
  }
  if (Status fresh = need_fresh(act); !fresh) {
    return fresh;
  }
  return session.workspace().update_user(
      user, "user.key_remove",
      [&](store::UserRecord& record) -> Status {
        auto keys = workspace::security_keys_of(record);
        if (!keys) {
          return std::unexpected(keys.error());
        }
        if (std::erase_if(*keys, [&](const auto& key) { return key.id == id; }) == 0) {
          return fail(ErrorKind::kNotFound, fmt::format("{} has no security key {}", user, id),
                      fmt::format("{} 沒有安全金鑰 {}", user, id));
        }
        record.security_keys = workspace::security_keys_text(*keys);
        return {};
      },
      session.actor());
}

}  // namespace etguard::app
