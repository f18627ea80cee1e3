#include "app/user_admin.h"

#include <fmt/format.h>

namespace etguard::app {
namespace {

Status may_change(const AdminAct& act, std::string_view target) {
  if (Status allowed = require(act.who, Permission::kAdministerUsers); !allowed) {
    return allowed;
  }
  if (Status confirmed = require_fresh(act.fresh, "user administration", "管理使用者");
      !confirmed) {
    return confirmed;
  }
  if (target == act.who.name) {
    return fail(ErrorKind::kDenied,
                fmt::format("'{}' is your own account: another administrator changes it", target),
                fmt::format("「{}」是您自己的帳號：須由另一位管理者變更", target));
  }
  return {};
}

}  // namespace

Result<UserDirectory> list_users_as(Session& session, const AdminAct& act) {
  if (Status allowed = require(act.who, Permission::kAdministerUsers); !allowed) {
    return std::unexpected(allowed.error());
  }
  auto users = Users::open(session);
  if (!users) {
    return std::unexpected(users.error());
  }
  auto listed = users->list();
  if (!listed) {
    return std::unexpected(listed.error());
  }
  return UserDirectory{.users = std::move(*listed), .fresh = act.fresh};
}

Result<Enrolment> add_user_as(Session& session, const AdminAct& act, const UserSpec& spec,
                              std::string_view password) {
  if (Status allowed = may_change(act, spec.name); !allowed) {
    return std::unexpected(allowed.error());
  }
  auto users = Users::open(session);
  if (!users) {
    return std::unexpected(users.error());
  }
  return users->add(spec, password);
}

Status disable_user_as(Session& session, const AdminAct& act, const std::string& name,
                       const std::string& reason) {
  if (Status allowed = may_change(act, name); !allowed) {
    return allowed;
  }
  auto users = Users::open(session);
  if (!users) {
    return std::unexpected(users.error());
  }
  return users->disable(name, reason);
}

Status unlock_user_as(Session& session, const AdminAct& act, const std::string& name,
                      const std::string& verification) {
  if (Status allowed = may_change(act, name); !allowed) {
    return allowed;
  }
  auto users = Users::open(session);
  if (!users) {
    return std::unexpected(users.error());
  }
  return users->unlock(name, verification);
}

Result<Enrolment> reset_user_as(Session& session, const AdminAct& act, const std::string& name,
                                std::string_view password, const std::string& verification) {
  if (Status allowed = may_change(act, name); !allowed) {
    return std::unexpected(allowed.error());
  }
  auto users = Users::open(session);
  if (!users) {
    return std::unexpected(users.error());
  }
  return users->reset(name, password, verification);
}

Status reauthenticate(Users& users, const Principal& who, std::string_view password,
                      std::string_view code, std::string_view source) {
  auto checked = users.log_in(who.name, password, code, source, "login.reauthenticated");
  if (!checked) {
    return std::unexpected(checked.error());
  }
  return {};
}

}  // namespace etguard::app
