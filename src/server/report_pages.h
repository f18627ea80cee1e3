// The reports page: each cycle with its documents to download and who signed
// off which report, and the sign-off form; and their JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "app/reports_view.h"
#include "server/layout.h"

namespace etguard::server {

std::string reports_page(const Frame& frame, const app::ReportsView& view, std::string_view notice,
                         std::string_view problem, std::string_view statement);

nlohmann::ordered_json reports_json(const app::ReportsView& view);
nlohmann::ordered_json sign_off_json(const assess::SignOff& sign_off);

}  // namespace etguard::server
