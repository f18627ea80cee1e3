#include "checks/ai/run.h"

#include "checks/registry.h"
#include "checks/run_family.h"

namespace etguard::ai_checks {

std::vector<check::Finding> run_ai_checks(const fairness::Measurement& measurement,
                                          const std::string& target, const std::string& started_at,
                                          const std::string& finished_at) {
  return check::run_family(checks::ai_checks(), measurement, target, started_at, finished_at);
}

}  // namespace etguard::ai_checks
