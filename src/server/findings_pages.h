// The checks' findings per object on a page (issue 18): a bar of passed,
// failed and other findings per object, then each check's latest finding
// with the requirements it is evidence for; and their JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "app/findings_view.h"
#include "server/layout.h"

namespace etguard::server {

std::string findings_page(const Frame& frame, const app::FindingsView& view,
                          std::string_view object);

// etguard.object_findings 1.0.
nlohmann::ordered_json findings_json(const app::FindingsView& view);

}  // namespace etguard::server
