// Runs every registered cloud check on each registered service a posture
// file's findings speak to.
#pragma once

#include <string>
#include <vector>

#include "checks/cloud/cloud_check.h"

namespace etguard::cloud_checks {

struct CloudRun {
  std::string started_at;
  std::string finished_at;
  bool with_evidence = true;
};

// The findings of every check on "cloud/<id>" for each service with
// findings, in register order.
std::vector<check::Finding> run_cloud_checks(const cloud::PostureTally& tally, const CloudRun& run);

}  // namespace etguard::cloud_checks
