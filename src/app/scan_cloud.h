// Verify: the cloud posture tools' findings judged per registered cloud
// service, clause by clause (Chapter 2, Art. 8–9; docs/cloud.md).
#pragma once

#include <string>
#include <vector>

#include "app/session.h"
#include "checks/check.h"
#include "cloud/tally.h"
#include "core/clock.h"

namespace etguard::app {

struct CloudScanRequest {
  std::vector<std::string> findings_files;  // Prowler OCSF (array or JSON Lines); "-": stdin
  cloud::ReadProgress on_read = {};         // bytes read, for a progress line
};

struct CloudScan {
  cloud::PostureTally tally{std::vector<cloud::RegisteredService>{}};
};

// Reads the cloud register's services (details.cloud_accounts, details.regions,
// facts.material_natural_person, facts.offshore) and streams every file's
// findings into their tally. An error (nothing judged) when no service
// registers an account, or a file cannot be read whole: its located error.
[[nodiscard]] Result<CloudScan> scan_cloud(const CloudScanRequest& request, Session& session);

// The cloud checks' findings on "cloud/<id>" for each service the files
// speak to. Without `with_evidence`, verdicts and reasons only.
std::vector<check::Finding> cloud_findings(const CloudScan& scan, bool with_evidence,
                                           const Clock& clock = system_clock());

}  // namespace etguard::app
