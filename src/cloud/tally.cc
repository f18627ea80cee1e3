#include "cloud/tally.h"

#include <algorithm>

namespace etguard::cloud {
namespace {

template <typename Map>
auto& slot(Map& map, std::string_view key) {
  auto found = map.find(key);
  if (found == map.end()) {
    found = map.emplace(std::string(key), typename Map::mapped_type{}).first;
  }
  return found->second;
}

void list(std::vector<std::string>& listed, std::string_view resource) {
  if (listed.size() < kListedResources && !resource.empty() &&
      std::ranges::find(listed, resource) == listed.end()) {
    listed.emplace_back(resource);
  }
}

}  // namespace

bool is_global_region(std::string_view region) {
  return region.empty() || region == "global" || region == "aws-global" || region == "Global";
}

PostureTally::PostureTally(std::vector<RegisteredService> services)
    : services_(std::move(services)), per_service_(services_.size()) {
  for (std::size_t i = 0; i < services_.size(); ++i) {
    for (const std::string& account : services_[i].accounts) {
      service_of_account_.emplace(account, i);
    }
  }
}

void PostureTally::add(Tool tool, const PostureFinding& finding) {
  auto service = service_of_account_.find(finding.account);
  if (service == service_of_account_.end() && !finding.account_alias.empty()) {
    service = service_of_account_.find(finding.account_alias);
  }
  if (service == service_of_account_.end()) {
    ++findings_;
    ++slot(unassigned_, finding.account);
    return;
  }
  add_to(service->second, tool, finding);
}

void PostureTally::add_to(std::size_t index, Tool tool, const PostureFinding& finding) {
  ++findings_;
  ServiceTally& tally = per_service_.at(index);
  ++tally.findings;
  if (!finding.account.empty()) {
    ++slot(tally.accounts, finding.account);
  }
  if (!is_global_region(finding.region)) {
    RegionTally& region = slot(tally.regions, finding.region);
    ++region.findings;
    list(region.resources, finding.resource);
  }
  auto check = tally.checks.find(finding.check_id);
  if (check == tally.checks.end()) {
    CheckTally fresh;
    fresh.mapping = mapped_check(tool, finding.check_id);
    check = tally.checks.emplace(std::string(finding.check_id), std::move(fresh)).first;
  }
  CheckTally& counts = check->second;
  if (counts.mapping == nullptr) {
    ++slot(unmapped_, finding.check_id);
  }
  switch (finding.status) {
    case PostureStatus::kPass:
      ++counts.passed;
      break;
    case PostureStatus::kFail:
      ++counts.failed;
      counts.muted += finding.muted ? 1 : 0;
      list(counts.failing, finding.resource);
      break;
    case PostureStatus::kManual:
      ++counts.manual;
      break;
  }
}

}  // namespace etguard::cloud
