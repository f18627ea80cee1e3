// The server's HTML, rendered on the server in either language. Every value
// that came from a user or a file is escaped; no page carries inline script
// or style (the Content-Security-Policy forbids both), so charts are SVG.
#pragma once

#include <string>
#include <string_view>

#include "app/dashboard.h"
#include "app/web_sessions.h"
#include "core/lang.h"
#include "server/layout.h"

namespace etguard::server {

std::string login_page(const Frame& frame, std::string_view name, std::string_view problem);
std::string dashboard_page(const Frame& frame, const app::Dashboard& board);
std::string message_page(const Frame& frame, std::string_view title, std::string_view message);

// The stylesheet at /static/app.css.
std::string_view stylesheet();

}  // namespace etguard::server
