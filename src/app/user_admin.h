// User administration by someone logged in to the server (issue 18), decided
// here for the pages and the API alike: only an administrator; only with their
// password and code checked again within the session policy's `fresh` window
// (re-authentication, as for sign-off); never on their own account — a lost
// phone or a lock of an administrator is handled by another administrator
// (four eyes), and the last way in cannot be disabled by mistake.
//
// `session` is opened with the administrator as its actor, so each change is
// theirs in the ledger.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/access.h"
#include "app/session.h"
#include "app/users.h"
#include "core/result.h"

namespace etguard::app {

// Who asks, and whether their password was checked again recently.
struct AdminAct {
  const Principal& who;
  bool fresh = false;
};

struct UserDirectory {
  std::vector<UserSummary> users;  // by name
  bool fresh = false;              // changes may be made now without re-authentication
};

[[nodiscard]] Result<UserDirectory> list_users_as(Session& session, const AdminAct& act);
[[nodiscard]] Result<Enrolment> add_user_as(Session& session, const AdminAct& act,
                                            const UserSpec& spec, std::string_view password);
[[nodiscard]] Status disable_user_as(Session& session, const AdminAct& act, const std::string& name,
                                     const std::string& reason);
[[nodiscard]] Status unlock_user_as(Session& session, const AdminAct& act, const std::string& name,
                                    const std::string& verification);
[[nodiscard]] Result<Enrolment> reset_user_as(Session& session, const AdminAct& act,
                                              const std::string& name, std::string_view password,
                                              const std::string& verification);

// The password and code of `who` checked again, through the same lockout as
// a login (failures count toward the lock). The caller then marks its web
// session fresh.
[[nodiscard]] Status reauthenticate(Users& users, const Principal& who, std::string_view password,
                                    std::string_view code, std::string_view source);

}  // namespace etguard::app
