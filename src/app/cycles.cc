#include "app/cycles.h"

#include <fmt/format.h>

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

}  // namespace etguard::app
