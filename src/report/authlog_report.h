// The Art. 36(7) daily report of the authentication-log analyzer as one
// self-contained HTML page (inline CSS and SVG, no fetches, prints cleanly),
// rendered from the etguard.authlog.daily_report JSON so both say the same.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/lang.h"

namespace etguard::report {

std::string authlog_report_html(const nlohmann::ordered_json& report, Lang lang);

}  // namespace etguard::report
