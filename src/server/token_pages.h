// The API tokens page: the caller's tokens (an administrator's: everyone's),
// their revocation, and once the password was confirmed again the form that
// makes one; the secret of a new token, shown once; and their JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "app/api_tokens.h"
#include "server/http.h"
#include "server/layout.h"

namespace etguard::server {

std::string tokens_page(const Frame& frame, const app::TokenDirectory& directory,
                        std::string_view notice, std::string_view problem, const Fields& entered);
std::string issued_token_page(const Frame& frame, const app::IssuedApiToken& issued);

// etguard.api_tokens 1.0 (app::api_tokens_json) and whether one may be made now.
nlohmann::ordered_json tokens_json(const app::TokenDirectory& directory);
nlohmann::ordered_json issued_token_json(const app::IssuedApiToken& issued);

}  // namespace etguard::server
