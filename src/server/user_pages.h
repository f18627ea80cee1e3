// The users page (administrators only), the enrolment shown once after a user
// is added or reset, the re-authentication form, and their JSON.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "app/user_admin.h"
#include "server/http.h"
#include "server/layout.h"

namespace etguard::server {

// What a refused form had in it, by field name, to show again (never a password).
using Entered = Fields;

// The users and, once the password was confirmed again, the forms that
// change them; else the form that confirms it.
std::string users_page(const Frame& frame, const app::UserDirectory& directory,
                       std::string_view notice, std::string_view problem, const Entered& entered);
// The authenticator enrolment of a new or reset user, shown this once.
std::string enrolment_page(const Frame& frame, const app::Enrolment& enrolment);

// etguard.users 1.0 (app::users_json) and whether changes may be made now.
nlohmann::ordered_json users_json(const app::UserDirectory& directory);
nlohmann::ordered_json enrolment_json(const app::Enrolment& enrolment);

}  // namespace etguard::server
