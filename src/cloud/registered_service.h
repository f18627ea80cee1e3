// What the cloud register says about one service, as the posture checks
// judge findings for it. Filled by the application layer from the entry's
// facts and details (docs/cloud.md).
#pragma once

#include <string>
#include <vector>

namespace etguard::cloud {

struct RegisteredService {
  std::string id;  // the register entry's id
  std::vector<std::string> accounts =
      {};  // details.cloud_accounts: AWS accounts, Azure subscriptions, GCP projects
  std::vector<std::string> regions = {};  // details.regions: where data may be processed and stored
  // details.trusted_registries: the container registries (a host, or a host
  // and path: "ghcr.io/firm") the service's images may come from (Art. 8.4.1)
  std::vector<std::string> trusted_registries = {};
  bool material_natural_person = false;  // facts: Art. 8.6.3.3 (data in Taiwan)
  bool offshore = false;                 // facts.offshore: an approved offshore location
};

}  // namespace etguard::cloud
