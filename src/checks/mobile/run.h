// Runs every registered mobile-app check on one release's evidence.
#pragma once

#include <string>
#include <vector>

#include "checks/mobile/app_check.h"

namespace etguard::mobile_checks {

struct AppRun {
  std::string target;  // "mobile_app/<id>", or the package's file name without a register entry
  std::string started_at;
  std::string finished_at;
};

std::vector<check::Finding> run_mobile_checks(const AppEvidence& evidence, const AppRun& run);

}  // namespace etguard::mobile_checks
