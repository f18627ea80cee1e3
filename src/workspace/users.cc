// Workspace: the users of the server, each change and each login recorded in
// the ledger with its public state.
#include <fmt/format.h>

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

}  // namespace etguard::workspace
