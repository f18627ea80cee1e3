// The assessment as a table, one row per applicable (requirement, object)
// pair: the shared content of the JSON, CSV and XLSX reports, so they agree.
#pragma once

#include <map>
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

// How many evidence records each (requirement, object) has.
std::map<std::pair<std::string_view, std::string_view>, int> evidence_counts(
    const ReportInput& input);

}  // namespace etguard::report
