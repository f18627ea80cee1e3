// The fairness measurement of an AI system's decisions (Art. 48, 53) as one
// self-contained HTML page (inline CSS and SVG, no fetches, prints cleanly),
// rendered from the etguard.ai_fairness JSON so both say the same: the
// verdict, each disparity against its limit, and per grouping a chart of
// every rate by group with its interval and a reliability diagram.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/lang.h"

namespace etguard::report {

std::string fairness_report_html(const nlohmann::ordered_json& measurement, Lang lang);

}  // namespace etguard::report
