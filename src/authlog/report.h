// The analyzer's machine output: one finding or the daily summary as the
// yardstick's JSON Lines records, and the Art. 36(7) daily report as one
// versioned JSON document (etguard.authlog.daily_report) from which the HTML
// report is rendered and which --import keeps as ET-36.7 evidence.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "authlog/analyzer.h"

namespace etguard::authlog {

inline constexpr const char* kDailyReportFormat = "etguard.authlog.daily_report";
inline constexpr const char* kDailyReportVersion = "1.0";
inline constexpr std::size_t kReportTop = 20;

nlohmann::ordered_json finding_json(const Finding& finding);
nlohmann::ordered_json summary_json(const DailySummary& summary);

struct ReportSource {
  std::vector<std::string> inputs;
  std::string accounts;  // the snapshot, empty when none
  std::uint64_t events = 0;
  std::uint64_t malformed = 0;
  std::string generated_at;  // RFC 3339 UTC
};

// `checks` is the verdict of each authlog.* check (check::finding_json records).
nlohmann::ordered_json daily_report(const ReportSource& source, const DailySummary& summary,
                                    const DayDetail& detail, const std::vector<Finding>& findings,
                                    const nlohmann::ordered_json& checks);

// The local trading day (UTC+8) of a time: "2025-03-12".
std::string taipei_date(std::int64_t ms);

}  // namespace etguard::authlog
