// Verify: the cloud posture tools' findings judged per registered cloud
// service, clause by clause (Chapter 2, Art. 8–9; docs/cloud.md).
#pragma once

#include <string>
#include <vector>

#include "app/session.h"
#include "checks/check.h"
#include "cloud/tally.h"
#include "cloud/terraform_plan.h"
#include "core/clock.h"

namespace etguard::app {

struct CloudScanRequest {
  std::vector<std::string> findings_files;  // Prowler OCSF (array or JSON Lines); "-": stdin
  std::vector<std::string> plans = {};      // terraform show -json, of the service `object`
  std::string object = {};                  // "cloud/ID": the service the plans build
  cloud::ReadProgress on_read = {};         // bytes read, for a progress line
};

struct CloudPlan {
  std::string file;
  cloud::PlanSummary summary;
};

struct CloudScan {
  cloud::PostureTally tally{std::vector<cloud::RegisteredService>{}};
  std::vector<CloudPlan> plans;
};

// Reads the cloud register's services (details.cloud_accounts, details.regions,
// facts.material_natural_person, facts.offshore) and streams every file's
// findings into their tally, and judges each Terraform plan by etguard's
// rules for the service `object`. An error (nothing judged) with neither
// findings nor plans, findings but no service that registers an account,
// plans without an `object` in the cloud register, or a file that cannot be
// read whole (its located error).
[[nodiscard]] Result<CloudScan> scan_cloud(const CloudScanRequest& request, Session& session);

// The cloud checks' findings on "cloud/<id>" for each service the files
// speak to. Without `with_evidence`, verdicts and reasons only.
std::vector<check::Finding> cloud_findings(const CloudScan& scan, bool with_evidence,
                                           const Clock& clock = system_clock());

}  // namespace etguard::app
