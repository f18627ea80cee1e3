// The scanner's machine outputs: one JSON Lines record per finding (written
// with fmt: a gigabyte of logs holds millions), the summary record
// (etguard.pii 1.0), and SARIF 2.1.0.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "pii/file_scan.h"
#include "pii/summary.h"

namespace etguard::pii {

inline constexpr std::string_view kSummaryFormatVersion = "1.0";

// Appends {"record":"finding",...}\n; `file_json` is the file name as a JSON string.
void append_finding_line(std::string& out, std::string_view file_json, std::string_view type,
                         const FileFinding& finding);

nlohmann::ordered_json summary_json(const ScanSummary& summary, double seconds);

// One rule per type, one result per finding (byte region and line).
nlohmann::ordered_json sarif(const Scanner& scanner, const std::vector<FileResult>& files);

}  // namespace etguard::pii
