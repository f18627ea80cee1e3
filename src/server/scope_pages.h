// The scope page: every requirement with whether it applies, to how many
// register entries and why, filtered by chapter and decision, a bar per
// chapter of what applies; one requirement explained with each entry's
// deciding facts. And their JSON (etguard.scope 1.0).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "app/scope_view.h"
#include "server/layout.h"

namespace etguard::server {

std::string scope_page(const Frame& frame, const app::ScopeView& view,
                       const app::ScopeQuery& query);

nlohmann::ordered_json scope_json(const app::ScopeView& view, const app::ScopeQuery& query);

}  // namespace etguard::server
