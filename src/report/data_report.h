// The assessment report as data: JSON (format etguard.report, version 1.0),
// CSV (one row per requirement-object pair) and XLSX (summary, results,
// evidence). Same rows as the HTML report (results_table.h).
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "report/html_report.h"

namespace etguard::report {

inline constexpr const char* kReportFormat = "etguard.report";
inline constexpr const char* kReportFormatVersion = "1.0";

nlohmann::ordered_json json_report(const ReportInput& input);
std::string csv_report(const ReportInput& input);
Status write_xlsx_report(const ReportInput& input, const std::filesystem::path& path);

}  // namespace etguard::report
