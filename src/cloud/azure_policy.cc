#include "cloud/azure_policy.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <optional>

#include "cloud/json_document.h"
#include "cloud/json_values.h"
#include "core/text.h"

namespace etguard::cloud {
namespace {

using nlohmann::json;

std::optional<PostureStatus> status_of(std::string_view state, AzurePolicySummary& summary,
                                       bool& muted) {
  muted = false;
  if (state == "Compliant") {
    ++summary.compliant;
    return PostureStatus::kPass;
  }
  if (state == "NonCompliant") {
    ++summary.non_compliant;
    return PostureStatus::kFail;
  }
  if (state == "Exempt") {
    ++summary.exempt;
    muted = true;
    return PostureStatus::kFail;
  }
  if (state == "Unknown" || state == "Conflict" || state == "NotStarted" || state == "Error") {
    ++summary.unknown;
    return PostureStatus::kManual;
  }
  return std::nullopt;
}

class StateReader {
 public:
  StateReader(const std::string& path, const PostureSink& sink, AzurePolicySummary& summary)
      : path_(path), sink_(sink), summary_(summary) {}

  // One state: of a REST page, of an array, or a line.
  Status state(const json& item, std::uint64_t offset) {
    const std::size_t number = ++seen_;
    const std::string definition = ascii_lower(string_at(item, "policyDefinitionName"));
    const std::string subscription = ascii_lower(string_at(item, "subscriptionId"));
    if (definition.empty() || subscription.empty()) {
      return json_input_error(
          path_, offset,
          fmt::format("state {}: not a policy state (no policyDefinitionName or subscriptionId)",
                      number),
          fmt::format("第 {} 筆狀態：不是原則狀態（缺少 policyDefinitionName 或 subscriptionId）",
                      number));
    }
    const std::string compliance = string_at(item, "complianceState");
    bool muted = false;
    const std::optional<PostureStatus> status = status_of(compliance, summary_, muted);
    if (!status) {
      return json_input_error(
          path_, offset,
          fmt::format("state {}: complianceState '{}' is none of Compliant, NonCompliant, Exempt, "
                      "Unknown, Conflict, NotStarted, Error",
                      number, compliance),
          fmt::format("第 {} 筆狀態：complianceState '{}' 不是 Compliant、NonCompliant、Exempt、"
                      "Unknown、Conflict、NotStarted、Error 之一",
                      number, compliance));
    }
    const std::string region = string_at(item, "resourceLocation");
    const std::string resource = string_at(item, "resourceId");
    const std::string title = string_at(item, "policyDefinitionReferenceId");
    PostureFinding finding;
    finding.check_id = definition;
    finding.status = *status;
    finding.muted = muted;
    finding.provider = "azure";
    finding.account = subscription;
    finding.region = region;
    finding.resource = resource;
    finding.title = title;
    return sink_(finding);
  }

 private:
  const std::string& path_;
  const PostureSink& sink_;
  AzurePolicySummary& summary_;
  std::size_t seen_ = 0;
};

}  // namespace

bool looks_like_azure_policy(std::string_view head) {
  return head.find("\"complianceState\"") != std::string_view::npos &&
         head.find("\"policyDefinitionName\"") != std::string_view::npos;
}

Result<AzurePolicySummary> read_azure_policy(const std::string& path, const PostureSink& sink) {
  AzurePolicySummary summary;
  StateReader reader(path, sink, summary);
  auto sha256 = for_each_json_item(
      path, "value",
      [&](const json& item, std::uint64_t offset, bool) { return reader.state(item, offset); });
  if (!sha256) {
    return std::unexpected(sha256.error());
  }
  summary.sha256 = std::move(*sha256);
  return summary;
}

}  // namespace etguard::cloud
