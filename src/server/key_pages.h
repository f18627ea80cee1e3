// Security keys on the pages (issue 18): the caller's keys with the button
// that registers one (once the password was confirmed again), the second
// step of a login with a key, their JSON, and the script that hands the
// server's challenges to the browser's WebAuthn and its answers back.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "app/security_keys.h"
#include "server/http.h"
#include "server/layout.h"

namespace etguard::server {

std::string security_keys_page(const Frame& frame, const std::vector<workspace::SecurityKey>& keys,
                               bool fresh, std::string_view notice, std::string_view problem);
// The login's second step: `name` logs in with a touch of one of their keys.
std::string key_login_page(const Frame& frame, std::string_view name,
                           const app::KeyLoginChallenge& challenge);

// etguard.security_keys 1.0: the keys (never the public keys themselves)
// and whether one may be added now.
nlohmann::ordered_json security_keys_json(const std::vector<workspace::SecurityKey>& keys,
                                          bool fresh);
// etguard.security_key_options 1.0: what navigator.credentials.create() needs.
nlohmann::ordered_json key_options_json(const app::KeyRegistrationOptions& options);

std::string_view security_keys_script();

}  // namespace etguard::server
