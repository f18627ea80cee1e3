#include "authlog/report.h"

#include <fmt/format.h>

#include <map>

namespace etguard::authlog {
namespace {

using Json = nlohmann::ordered_json;

Json tallies(const std::vector<Tally>& list, const char* count_name, const char* distinct_name) {
  Json out = Json::array();
  for (const Tally& tally : list) {
    Json entry{{"name", tally.name}, {count_name, tally.count}};
    if (distinct_name != nullptr) {
      entry[distinct_name] = tally.distinct;
    }
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace

Json finding_json(const Finding& finding) {
  Json ids = Json::array();
  for (const std::uint64_t id : finding.event_ids) {
    ids.push_back(fmt::format("{:016x}", id));
  }
  return Json{{"type", finding.type},
              {"accounts", finding.accounts},
              {"ips", finding.ips},
              {"start", format_time(finding.start_ms)},
              {"end", format_time(finding.end_ms)},
              {"event_ids", ids}};
}

Json summary_json(const DailySummary& summary) {
  Json by_reason = Json::object();
  for (const auto& [reason, count] : summary.failure_by_reason) {
    by_reason[reason] = count;
  }
  Json by_service = Json::object();
  for (const auto& [service, count] : summary.failure_by_service) {
    by_service[service] = count;
  }
  return Json{{"type", "daily_summary"},
              {"metrics",
               {{"login_success_total", summary.login_success_total},
                {"login_failure_total", summary.login_failure_total},
                {"login_failure_by_reason", by_reason},
                {"login_failure_by_service", by_service},
                {"unknown_account_attempts", summary.unknown_account_attempts},
                {"unknown_account_distinct_names", summary.unknown_account_distinct_names},
                {"unknown_account_distinct_ips", summary.unknown_account_distinct_ips},
                {"account_locks", summary.account_locks},
                {"account_unlocks", summary.account_unlocks}}}};
}

std::string taipei_date(std::int64_t ms) {
  constexpr std::int64_t kTaipeiMs = 8LL * 3'600'000;
  return format_time(ms + kTaipeiMs).substr(0, 10);
}

Json daily_report(const ReportSource& source, const DailySummary& summary, const DayDetail& detail,
                  const std::vector<Finding>& findings, const Json& checks) {
  std::map<std::string, std::uint64_t> by_type;
  Json listed = Json::array();
  for (const Finding& finding : findings) {
    ++by_type[finding.type];
    listed.push_back(finding_json(finding));
  }
  Json hours = Json::array();
  for (const std::uint64_t count : detail.failures_by_hour) {
    hours.push_back(count);
  }
  return Json{
      {"format", kDailyReportFormat},
      {"version", kDailyReportVersion},
      {"day", source.events == 0 ? "" : taipei_date(detail.first_ms)},
      {"first_event", source.events == 0 ? "" : format_time(detail.first_ms)},
      {"last_event", source.events == 0 ? "" : format_time(detail.last_ms)},
      {"generated_at", source.generated_at},
      {"inputs", source.inputs},
      {"accounts_snapshot", source.accounts},
      {"events", source.events},
      {"malformed_lines", source.malformed},
      {"summary", summary_json(summary)["metrics"]},
      {"failures_by_hour_utc8", hours},
      {"top_sources", tallies(detail.top_sources, "failures", "distinct_accounts")},
      {"top_accounts", tallies(detail.top_accounts, "failures", "distinct_sources")},
      {"unknown_account_names", tallies(detail.unknown_names, "attempts", "distinct_sources")},
      {"locked_accounts", tallies(detail.locked_accounts, "locks", nullptr)},
      {"unlocked_accounts", tallies(detail.unlocked_accounts, "unlocks", nullptr)},
      {"findings_by_type", by_type},
      {"findings", listed},
      {"checks", checks},
  };
}

}  // namespace etguard::authlog
