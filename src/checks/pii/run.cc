#include "checks/pii/run.h"

#include "checks/registry.h"
#include "checks/run_family.h"

namespace etguard::pii_checks {

std::vector<check::Finding> run_pii_checks(const pii::ScanSummary& summary,
                                           const std::string& target, const std::string& started_at,
                                           const std::string& finished_at) {
  return check::run_family(checks::pii_checks(), summary, target, started_at, finished_at);
}

}  // namespace etguard::pii_checks
