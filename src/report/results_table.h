// The assessment as a table, one row per applicable (requirement, object)
// pair: the shared content of the JSON, CSV and XLSX reports, so they agree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "report/html_report.h"

namespace etguard::report {

// Stable machine names (JSON) and bilingual labels of the due states.
std::string_view due_code(assess::Due due);
Text describe(assess::Due due);

std::vector<std::string> result_columns(Lang lang);
std::vector<std::vector<std::string>> result_rows(const ReportInput& input);

std::vector<std::string> evidence_columns(Lang lang);
std::vector<std::vector<std::string>> evidence_rows(const ReportInput& input);

// The result recorded for a line, if any.
const assess::Result* result_for(const ReportInput& input, const assess::StatusLine& line);

}  // namespace etguard::report
