// /assessment/result and /api/result: one line of the grid opened — the
// requirement, its result, its history — with the form that changes it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "app/result_view.h"
#include "server/layout.h"

namespace etguard::server {

// `notice`: said after a change was recorded; `problem`: why one was refused;
// `evidence`: the line's evidence section (evidence_pages.h), shown after the
// form; `draft`: a comment refused, in its box again.
std::string result_page(const Frame& frame, const app::ResultView& view, std::string_view notice,
                        std::string_view problem, std::string_view evidence,
                        std::string_view draft = {});
// schema etguard.result 1.1 (1.1 added the comments).
nlohmann::ordered_json result_json(const app::ResultView& view, Lang lang);
// schema etguard.comment 1.0: a comment as recorded.
nlohmann::ordered_json comment_json(const assess::Comment& comment);
// The link to a line's page.
std::string result_href(std::string_view node_id, std::string_view object);

}  // namespace etguard::server
