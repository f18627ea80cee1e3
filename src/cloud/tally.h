// A posture file's findings counted per registered cloud service and tool
// check, in memory bounded by the services and checks (not the findings):
// what the cloud checks judge. Findings of accounts no service registers and
// checks no mapping names are counted and reported, never dropped.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "cloud/mapping.h"
#include "cloud/posture.h"
#include "cloud/registered_service.h"

namespace etguard::cloud {

// The distinct resources listed per failing check and per region (the first
// ones; the counts are whole).
inline constexpr std::size_t kListedResources = 10;

struct CheckTally {
  const MappedCheck* mapping = nullptr;  // nullptr: the check is not mapped
  std::uint64_t passed = 0;
  std::uint64_t failed = 0;  // muted ones included
  std::uint64_t muted = 0;   // failures suppressed in the tool
  std::uint64_t manual = 0;
  std::vector<std::string> failing;  // the first kListedResources
};

struct RegionTally {
  std::uint64_t findings = 0;
  std::vector<std::string> resources;  // the first kListedResources
};

struct ServiceTally {
  std::map<std::string, CheckTally, std::less<>> checks;       // by tool check id
  std::map<std::string, RegionTally, std::less<>> regions;     // by region, "global" left out
  std::map<std::string, std::uint64_t, std::less<>> accounts;  // findings per account seen
  std::uint64_t findings = 0;
};

struct PostureSource {
  Tool tool = Tool::kProwler;
  std::string file;
  std::string sha256;
};

class PostureTally {
 public:
  explicit PostureTally(std::vector<RegisteredService> services);

  // A finding placed by its account, else by its account's alias; one of an
  // account no service lists is counted in unassigned().
  void add(Tool tool, const PostureFinding& finding);
  // A finding of the service at `index` in services() (a plan of that service).
  void add_to(std::size_t index, Tool tool, const PostureFinding& finding);

  const std::vector<RegisteredService>& services() const { return services_; }
  const std::vector<ServiceTally>& per_service() const { return per_service_; }
  std::uint64_t findings() const { return findings_; }
  // Findings of accounts that no service lists in details.cloud_accounts.
  const std::map<std::string, std::uint64_t, std::less<>>& unassigned() const {
    return unassigned_;
  }
  // Findings of tool checks the tool's mapping does not name.
  const std::map<std::string, std::uint64_t, std::less<>>& unmapped() const { return unmapped_; }
  std::vector<PostureSource>& sources() { return sources_; }
  const std::vector<PostureSource>& sources() const { return sources_; }

 private:
  std::vector<RegisteredService> services_;
  std::vector<ServiceTally> per_service_;
  std::map<std::string, std::size_t, std::less<>> service_of_account_;
  std::map<std::string, std::uint64_t, std::less<>> unassigned_;
  std::map<std::string, std::uint64_t, std::less<>> unmapped_;
  std::vector<PostureSource> sources_;
  std::uint64_t findings_ = 0;
};

// Regions that name no place: global services and findings without one.
bool is_global_region(std::string_view region);

}  // namespace etguard::cloud
