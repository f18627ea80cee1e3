#include "checks/authlog/run.h"

#include "checks/registry.h"
#include "checks/run_family.h"

namespace etguard::authlog_checks {

std::vector<check::Finding> run_authlog_checks(const DayResult& day, const std::string& target,
                                               const std::string& started_at,
                                               const std::string& finished_at) {
  return check::run_family(checks::authlog_checks(), day, target, started_at, finished_at);
}

}  // namespace etguard::authlog_checks
