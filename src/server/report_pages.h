// The reports page: each cycle with its documents to download and who signed
// off which report, the sign-off form and the form that starts the next
// cycle (previewed first); and their JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "app/reports_view.h"
#include "server/layout.h"

namespace etguard::server {

// What the visitor typed into the page's forms, shown again when refused.
struct ReportsForms {
  std::string_view statement;  // of a sign-off
  app::CycleStart cycle;       // a cycle to start (previewed or refused)
};

std::string reports_page(const Frame& frame, const app::ReportsView& view, std::string_view notice,
                         std::string_view problem, const ReportsForms& typed);

// What starting the cycle would do (a preview), in `lang`.
std::string cycle_preview_notice(Lang lang, const app::CycleStarted& preview);

nlohmann::ordered_json reports_json(const app::ReportsView& view);
nlohmann::ordered_json cycle_started_json(const app::CycleStarted& started);
nlohmann::ordered_json sign_off_json(const assess::SignOff& sign_off);

// The script of the handed-report sign-off form (served as /static/reports.js
// after the drop zone's).
std::string_view reports_script();

}  // namespace etguard::server
