#include "cloud/security_hub.h"

#include <fmt/format.h>

#include <optional>

#include "cloud/json_document.h"
#include "cloud/json_values.h"

namespace etguard::cloud {
namespace {

using nlohmann::json;

// The finding's status, or nothing for a Compliance.Status ASFF does not define.
std::optional<PostureStatus> status_of(std::string_view compliance) {
  if (compliance == "PASSED") {
    return PostureStatus::kPass;
  }
  if (compliance == "FAILED") {
    return PostureStatus::kFail;
  }
  if (compliance == "WARNING" || compliance == "NOT_AVAILABLE") {
    return PostureStatus::kManual;
  }
  return std::nullopt;
}

}  // namespace

bool looks_like_security_hub(std::string_view head) {
  if (head.find("\"SchemaVersion\"") != std::string_view::npos ||
      head.find("\"AwsAccountId\"") != std::string_view::npos) {
    return true;
  }
  // The key "Findings" (not a value such as OCSF's "category_name": "Findings").
  for (std::size_t at = head.find("\"Findings\""); at != std::string_view::npos;
       at = head.find("\"Findings\"", at + 1)) {
    const std::size_t next = head.find_first_not_of(" \t\r\n", at + 10);
    if (next != std::string_view::npos && head[next] == ':') {
      return true;
    }
  }
  return false;
}

namespace {

class HubReader {
 public:
  HubReader(const std::string& path, const PostureSink& sink, SecurityHubSummary& summary)
      : path_(path), sink_(sink), summary_(summary) {}

  // One item: a finding of get-findings' page, of an array, or a line.
  Status item(const json& item, std::uint64_t offset, bool in_page) {
    if (!in_page && item.is_object() && !item.contains("AwsAccountId") &&
        !item.contains("SchemaVersion")) {
      return json_input_error(
          path_, offset,
          "no findings: an ASFF export is {\"Findings\": [...]} (aws securityhub get-findings), "
          "an array of findings or one finding per line",
          "缺少 findings：ASFF 匯出檔應為 {\"Findings\": [...]}（aws securityhub get-findings）、"
          "發現之陣列或每行一筆發現");
    }
    return finding(item, offset);
  }

 private:
  Status finding(const json& item, std::uint64_t offset) {
    const std::size_t number = ++seen_;
    const std::string account = string_at(item, "AwsAccountId");
    if (!item.is_object() || account.empty()) {
      return json_input_error(
          path_, offset, fmt::format("finding {}: not an ASFF finding (no AwsAccountId)", number),
          fmt::format("第 {} 筆發現：不是 ASFF 發現（缺少 AwsAccountId）", number));
    }
    if (string_at(item, "RecordState") == "ARCHIVED") {
      ++summary_.archived;
      return {};
    }
    std::string control = text_at(item, "Compliance.SecurityControlId");
    if (control.empty()) {
      control = text_at(item, "ProductFields.ControlId");
    }
    if (control.empty()) {
      ++summary_.not_controls;
      return {};
    }
    const std::string compliance = text_at(item, "Compliance.Status");
    const std::optional<PostureStatus> status = status_of(compliance);
    if (!status) {
      return json_input_error(
          path_, offset,
          fmt::format("finding {}: Compliance.Status '{}' is none of PASSED, FAILED, "
                      "WARNING, NOT_AVAILABLE",
                      number, compliance),
          fmt::format("第 {} 筆發現：Compliance.Status '{}' 不是 PASSED、FAILED、"
                      "WARNING、NOT_AVAILABLE 之一",
                      number, compliance));
    }
    std::string region = string_at(item, "Region");
    if (region.empty()) {
      region = text_at(item, "Resources.0.Region");
    }
    const std::string resource = text_at(item, "Resources.0.Id");
    const std::string title = string_at(item, "Title");
    PostureFinding posture;
    posture.check_id = control;
    posture.status = *status;
    posture.muted = text_at(item, "Workflow.Status") == "SUPPRESSED";
    posture.provider = "aws";
    posture.account = account;
    posture.region = region;
    posture.resource = resource;
    posture.title = title;
    if (Status handed = sink_(posture); !handed) {
      return handed;
    }
    ++summary_.controls;
    return {};
  }

  const std::string& path_;
  const PostureSink& sink_;
  SecurityHubSummary& summary_;
  std::size_t seen_ = 0;
};

}  // namespace

Result<SecurityHubSummary> read_security_hub(const std::string& path, const PostureSink& sink) {
  SecurityHubSummary summary;
  HubReader reader(path, sink, summary);
  auto sha256 = for_each_json_item(path, "Findings",
                                   [&](const json& item, std::uint64_t offset, bool in_page) {
                                     return reader.item(item, offset, in_page);
                                   });
  if (!sha256) {
    return std::unexpected(sha256.error());
  }
  summary.sha256 = std::move(*sha256);
  return summary;
}

}  // namespace etguard::cloud
