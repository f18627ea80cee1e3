// cloud.location: where a registered cloud service's resources are, from the
// regions of its posture findings. Fails for a region the register does not
// designate (details.regions: ET-8.6.3.1, the firm keeps the power to
// designate where data is processed and stored) and, for material
// natural-person business (facts.material_natural_person) not registered
// as offshore, for any region outside Taiwan (ET-8.6.3.3). Tool checks
// mapped to topic "location" (an organization policy that denies other
// regions) are judged as cloud_check.h says. Partial: a finding's region
// shows where the tool saw a resource, not every copy of the data. No
// finding when the register names no regions and the business is not
// material natural-person, and no mapped check speaks.
#include "checks/cloud/location/check.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>

namespace etguard::cloud_checks::location {
namespace {

// The providers' regions in Taiwan (docs/cloud.md): AWS Asia Pacific
// (Taipei), Google Cloud Changhua County, Azure Taiwan North / Northwest.
constexpr std::array<std::string_view, 4> kTaiwanRegions{"ap-east-2", "asia-east1", "taiwannorth",
                                                         "taiwannorthwest"};

bool in_taiwan(std::string_view region) {
  // A GCP zone ("asia-east1-b") is in its region.
  return std::ranges::any_of(kTaiwanRegions, [&](std::string_view taiwan) {
    return region == taiwan || (region.starts_with(taiwan) && region.size() > taiwan.size() &&
                                region[taiwan.size()] == '-' && taiwan == "asia-east1");
  });
}

std::string example(const cloud::RegionTally& region) {
  return region.resources.empty() ? std::string() : " (" + region.resources.front() + ")";
}

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "cloud.location",
      .title = {.zh = "資料處理及儲存地點", .en = "Where data is processed and stored"},
      .node_ids = {},
      .partial_node_ids = topic_clauses(cloud::Topic::kLocation),
      .severity = check::Severity::kHigh,
      .rationale =
          {.zh =
               "第八條第六款第三目：組織應保有指定資料處理及儲存地點之權利（之一）；重大自然人客戶"
               "業務之客戶資料原則上應存放於我國境內，存放境外者重要客戶資料應於我國留存備份"
               "（之三）。",
           .en = "Art. 8.6.3: the organization retains the right to designate where data is "
                 "processed and stored (8.6.3.1); customer data of material natural-person "
                 "business is in principle stored in Taiwan, and where offshore, important "
                 "customer data is backed up in Taiwan (8.6.3.3)."},
      .remediation =
          {.zh = "將資源移至清冊登記之區域（details.regions），或經核准後更新清冊；重大自然人客戶"
                 "業務之資料存放於我國境內區域。",
           .en = "Move the resources to the regions the register designates (details.regions), "
                 "or update the register once approved; keep the data of material "
                 "natural-person business in a Taiwan region."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const CloudEvidence& evidence) {
  if (evidence.tally == nullptr || evidence.service == nullptr) {
    return std::nullopt;
  }
  const cloud::RegisteredService& service = *evidence.service;
  const bool taiwan_only = service.material_natural_person && !service.offshore;
  std::optional<check::Assessment> mapped = judge_topic(evidence, cloud::Topic::kLocation);
  if (service.regions.empty() && !service.material_natural_person) {
    return mapped;
  }
  if (evidence.tally->regions.empty() && !mapped) {
    return std::nullopt;
  }
  const bool mapped_unjudged = mapped && mapped->verdict == Verdict::kError;
  check::Assessment assessment = mapped ? std::move(*mapped) : check::Assessment{};
  nlohmann::ordered_json regions = nlohmann::ordered_json::array();
  for (const auto& [region, seen] : evidence.tally->regions) {
    if (evidence.with_evidence) {
      regions.push_back(
          {{"region", region}, {"findings", seen.findings}, {"resources", seen.resources}});
    }
    if (!service.regions.empty() &&
        std::ranges::find(service.regions, region) == service.regions.end()) {
      assessment.add(
          {"CLOUD_REGION_NOT_DESIGNATED",
           fmt::format("{} finding(s) in {}{}, a region cloud/{} does not designate "
                       "(details.regions: {}) [ET-8.6.3.1]",
                       seen.findings, region, example(seen), service.id,
                       fmt::join(service.regions, ", ")),
           fmt::format("{} 筆發現位於 {}{}，非 cloud/{} 指定之區域（details.regions：{}）"
                       "［ET-8.6.3.1］",
                       seen.findings, region, example(seen), service.id,
                       fmt::join(service.regions, ", "))});
    }
    if (taiwan_only && !in_taiwan(region)) {
      assessment.add(
          {"CLOUD_DATA_OUTSIDE_TAIWAN",
           fmt::format("{} finding(s) in {}{}, outside Taiwan, for material natural-person "
                       "business not registered as offshore [ET-8.6.3.3]",
                       seen.findings, region, example(seen)),
           fmt::format("{} 筆發現位於境外區域 {}{}，屬重大自然人客戶業務且未登記為境外存放"
                       "［ET-8.6.3.3］",
                       seen.findings, region, example(seen))});
    }
  }
  if (service.material_natural_person && service.offshore) {
    assessment.add({"CLOUD_OFFSHORE_BACKUP_IN_TAIWAN",
                    "registered as offshore: the important customer data must be backed up in "
                    "Taiwan unless the competent authority approved otherwise [ET-8.6.3.3]",
                    "已登記為境外存放：除經主管機關核准外，重要客戶資料應於我國留存備份"
                    "［ET-8.6.3.3］",
                    true});
  }
  const bool failed = std::ranges::any_of(
      assessment.reasons, [](const check::Reason& reason) { return !reason.warning; });
  const bool unjudged = mapped_unjudged && evidence.tally->regions.empty();
  assessment.verdict = failed ? Verdict::kFail : unjudged ? Verdict::kError : Verdict::kPass;
  // The clauses judged: the mapped checks', designated regions (8.6.3.1)
  // and Taiwan for material natural-person business (8.6.3.3).
  std::vector<std::string>& nodes = assessment.nodes;
  if (!service.regions.empty() && !evidence.tally->regions.empty()) {
    nodes.emplace_back("ET-8.6.3.1");
  }
  if (service.material_natural_person && !evidence.tally->regions.empty()) {
    nodes.emplace_back("ET-8.6.3.3");
  }
  std::ranges::sort(nodes);
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  if (evidence.with_evidence) {
    nlohmann::ordered_json record = std::move(assessment.evidence);
    if (!record.is_object()) {
      record = nlohmann::ordered_json::object();
    }
    record["service"] = service.id;
    record["designated_regions"] = service.regions;
    record["taiwan_only"] = taiwan_only;
    record["regions_seen"] = std::move(regions);
    assessment.evidence = std::move(record);
  }
  return assessment;
}

}  // namespace etguard::cloud_checks::location
