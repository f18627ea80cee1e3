// Workspace: the users of the server and their API tokens, each change and
// each login recorded in the ledger with its public state.
#include <fmt/format.h>

#include <algorithm>

#include "workspace/states.h"
#include "workspace/transaction.h"
#include "workspace/workspace.h"

namespace etguard::workspace {
namespace {

std::string user_object(const std::string& name) {
  return "user/" + name;
}

Error no_such_user(const std::string& name) {
  return {ErrorKind::kNotFound, fmt::format("there is no user {}", name),
          fmt::format("沒有使用者 {}", name)};
}

}  // namespace

Result<std::vector<store::UserRecord>> Workspace::users() {
  return records_->users();
}

Result<std::optional<store::UserRecord>> Workspace::user(const std::string& name) {
  return records_->user(name);
}

Status Workspace::add_user(const store::UserRecord& user, const std::string& actor) {
  return in_transaction([&](ledger::Writer& writer) -> Status {
    auto existing = records_->user(user.name);
    if (!existing) {
      return std::unexpected(existing.error());
    }
    if (*existing) {
      return fail(ErrorKind::kUsage, fmt::format("user {} exists already", user.name),
                  fmt::format("使用者 {} 已存在", user.name));
    }
    if (Status put = records_->put_user(user); !put) {
      return put;
    }
    auto entry = writer.append({actor, "user.add", user_object(user.name), "", user_state(user)},
                               clock_->utc_now());
    if (!entry) {
      return std::unexpected(entry.error());
    }
    return {};
  });
}

Status Workspace::update_user(const std::string& name, const std::string& action,
                              const UserChange& change, const std::string& actor) {
  return in_transaction([&](ledger::Writer& writer) -> Status {
    auto existing = records_->user(name);
    if (!existing) {
      return std::unexpected(existing.error());
    }
    if (!*existing) {
      return std::unexpected(no_such_user(name));
    }
    store::UserRecord user = **existing;
    if (Status changed = change(user); !changed) {
      return changed;
    }
    user.name = name;  // a change never renames
    if (Status put = records_->put_user(user); !put) {
      return put;
    }
    auto entry =
        writer.append({actor, action, user_object(name), user_state(**existing), user_state(user)},
                      clock_->utc_now());
    if (!entry) {
      return std::unexpected(entry.error());
    }
    return {};
  });
}

Status Workspace::record_user_event(const std::string& name, const std::string& action,
                                    const std::string& actor) {
  // An event changes nothing: the entry's state before and after are equal.
  return update_user(name, action, [](store::UserRecord&) -> Status { return {}; }, actor);
}

Result<std::vector<store::ApiTokenRecord>> Workspace::api_tokens() {
  return records_->api_tokens();
}

Result<std::optional<store::ApiTokenRecord>> Workspace::api_token_by_digest(
    const std::string& digest) {
  return records_->api_token_by_digest(digest);
}

Status Workspace::add_api_token(const store::ApiTokenRecord& token, const std::string& actor) {
  return in_transaction([&](ledger::Writer& writer) -> Status {
    auto user = records_->user(token.user);
    if (!user) {
      return std::unexpected(user.error());
    }
    if (!*user) {
      return std::unexpected(no_such_user(token.user));
    }
    auto tokens = records_->api_tokens();
    if (!tokens) {
      return std::unexpected(tokens.error());
    }
    if (std::ranges::any_of(*tokens, [&](const store::ApiTokenRecord& existing) {
          return existing.id == token.id;
        })) {
      return fail(ErrorKind::kUsage, fmt::format("token {} exists already", token.id),
                  fmt::format("權杖 {} 已存在", token.id));
    }
    if (Status put = records_->put_api_token(token); !put) {
      return put;
    }
    auto entry =
        writer.append({actor, "token.create", "token/" + token.id, "", api_token_state(token)},
                      clock_->utc_now());
    if (!entry) {
      return std::unexpected(entry.error());
    }
    return {};
  });
}

Status Workspace::revoke_api_token(const std::string& id, const std::string& actor) {
  return in_transaction([&](ledger::Writer& writer) -> Status {
    auto tokens = records_->api_tokens();
    if (!tokens) {
      return std::unexpected(tokens.error());
    }
    const auto found = std::ranges::find(*tokens, id, &store::ApiTokenRecord::id);
    if (found == tokens->end()) {
      return fail(ErrorKind::kNotFound, fmt::format("there is no token {}", id),
                  fmt::format("沒有權杖 {}", id));
    }
    if (!found->revoked_at.empty()) {
      return fail(
          ErrorKind::kUsage,
          fmt::format("token {} was revoked at {} by {}", id, found->revoked_at, found->revoked_by),
          fmt::format("權杖 {} 已於 {} 由 {} 撤銷", id, found->revoked_at, found->revoked_by));
    }
    store::ApiTokenRecord revoked = *found;
    const std::string now = clock_->utc_now();
    revoked.revoked_at = now;
    revoked.revoked_by = actor;
    if (Status put = records_->put_api_token(revoked); !put) {
      return put;
    }
    auto entry = writer.append(
        {actor, "token.revoke", "token/" + id, api_token_state(*found), api_token_state(revoked)},
        now);
    if (!entry) {
      return std::unexpected(entry.error());
    }
    return {};
  });
}

}  // namespace etguard::workspace
