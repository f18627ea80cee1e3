#include "app/cycles.h"

#include <fmt/format.h>

#include <algorithm>

#include "app/documents.h"
#include "core/atomic_file.h"

namespace etguard::app {

Result<CycleStarted> start_cycle(Session& session, const CycleStart& start) {
  const std::string started_on = start.today.empty() ? session.today() : start.today;
  for (const std::string* date : {&start.today, &start.due_on}) {
    if (!date->empty() && assess::add_days(*date, 0) != *date) {
      return fail(ErrorKind::kUsage, fmt::format("'{}' is not a date (YYYY-MM-DD)", *date),
                  fmt::format("'{}' 不是日期（YYYY-MM-DD）", *date));
    }
  }
  auto plan = session.workspace().start_cycle(start.name, started_on, start.due_on, start.dry_run,
                                              session.actor());
  if (!plan) {
    return std::unexpected(plan.error());
  }
  return CycleStarted{start.name,  started_on,         start.due_on,
                      plan->reset, plan->carried_over, start.dry_run};
}

Result<std::vector<store::CycleRecord>> list_cycles(Session& session) {
  return session.workspace().cycles();
}

Result<assess::SignOff> sign_off_cycle(Session& session, const SignOffRequest& request) {
  auto cycles = session.workspace().cycles();
  if (!cycles) {
    return std::unexpected(cycles.error());
  }
  if (cycles->empty()) {
    return fail(ErrorKind::kUsage, "no cycle to sign off: start one with 'etguard cycle start'",
                "尚無評估週期可簽核：請先以 etguard cycle start 開始");
  }
  const std::string cycle = request.cycle.empty() ? cycles->back().name : request.cycle;
  if (!std::ranges::any_of(*cycles, [&](const auto& c) { return c.name == cycle; })) {
    return fail(ErrorKind::kNotFound,
                fmt::format("no cycle named '{}' (etguard cycle list)", cycle),
                fmt::format("沒有名為 '{}' 的評估週期（etguard cycle list）", cycle));
  }
  std::string content;
  std::string report;
  if (request.report.empty()) {
    auto produced = assessment_report(session, {"html", {}, request.lang, {}, cycle, true});
    if (!produced) {
      return std::unexpected(produced.error());
    }
    content = std::move(*produced);
    report = fmt::format("report-{}.{}.html", cycle, lang_tag(request.lang));
  } else if (request.content) {
    content = std::string(*request.content);
    report = request.report.filename().string();
  } else {
    auto read = read_file(request.report);
    if (!read) {
      return std::unexpected(read.error());
    }
    content = std::move(*read);
    report = request.report.filename().string();
  }
  return session.workspace().sign_off(
      {cycle, report, "", request.statement, session.actor(), session.clock().utc_now()}, content);
}

}  // namespace etguard::app
