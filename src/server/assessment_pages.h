// /assessment and /api/assessment: the assessment grid (app/assessment_grid.h)
// as a filterable, paged table and as JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "app/assessment_grid.h"
#include "server/layout.h"

namespace etguard::server {

std::string assessment_grid_page(const Frame& frame, const app::Grid& grid,
                                 const app::GridFilter& filter);
// schema etguard.assessment-grid 1.0.
nlohmann::ordered_json assessment_grid_json(const app::Grid& grid, const app::GridFilter& filter,
                                            Lang lang);

}  // namespace etguard::server
