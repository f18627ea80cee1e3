// Evidence on the site: the review queue (/evidence), a line's evidence with
// its upload zone (on the line's page), and their JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "app/evidence_review.h"
#include "server/layout.h"

namespace etguard::server {

// The records, each with its review state and, where the viewer may review
// it, the approve / reject form.
std::string evidence_page(const Frame& frame, const std::vector<app::EvidenceLine>& lines,
                          bool pending_only, std::string_view notice, std::string_view problem);
// A line's evidence and, when `may_upload`, the drop zone that uploads a file
// for it (progressive: /static/evidence.js).
std::string evidence_section(const Frame& frame, const std::vector<app::EvidenceLine>& lines,
                             std::string_view node_id, std::string_view object, bool may_upload);
// The script behind the drop zone, at /static/evidence.js.
std::string_view evidence_script();

nlohmann::ordered_json evidence_json(const std::vector<app::EvidenceLine>& lines);
nlohmann::ordered_json evidence_record_json(const assess::Evidence& record);

}  // namespace etguard::server
