#include "cloud/security_hub.h"

#include <fmt/format.h>

#include <optional>

#include "cloud/json_document.h"

namespace etguard::cloud {
namespace {

using nlohmann::json;

constexpr std::uintmax_t kLargestExport = std::uintmax_t{512} << 20U;

std::string text_at(const json& root, std::string_view path) {
  const json* node = at_path(root, path);
  return node != nullptr && node->is_string() ? node->get<std::string>() : std::string();
}

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

Result<SecurityHubSummary> read_security_hub(const std::string& path, const PostureSink& sink) {
  SecurityHubSummary summary;
  auto document = read_json_document(path, kLargestExport, "a Security Hub export",
                                     "Security Hub 匯出檔", summary.sha256);
  if (!document) {
    return std::unexpected(document.error());
  }
  const json* findings = document->is_array() ? &*document : at_path(*document, "Findings");
  if (findings == nullptr || !findings->is_array()) {
    return document_error(path,
                          "no findings: an ASFF export is {\"Findings\": [...]} (aws securityhub "
                          "get-findings) or an array of findings",
                          "缺少 findings：ASFF 匯出檔應為 {\"Findings\": [...]}（aws securityhub "
                          "get-findings）或發現之陣列");
  }
  for (std::size_t i = 0; i < findings->size(); ++i) {
    const json& item = (*findings)[i];
    const std::string account = string_at(item, "AwsAccountId");
    if (!item.is_object() || account.empty()) {
      return document_error(
          path, fmt::format("finding {}: not an ASFF finding (no AwsAccountId)", i + 1),
          fmt::format("第 {} 筆發現：不是 ASFF 發現（缺少 AwsAccountId）", i + 1));
    }
    if (string_at(item, "RecordState") == "ARCHIVED") {
      ++summary.archived;
      continue;
    }
    std::string control = text_at(item, "Compliance.SecurityControlId");
    if (control.empty()) {
      control = text_at(item, "ProductFields.ControlId");
    }
    if (control.empty()) {
      ++summary.not_controls;
      continue;
    }
    const std::string compliance = text_at(item, "Compliance.Status");
    const std::optional<PostureStatus> status = status_of(compliance);
    if (!status) {
      return document_error(
          path,
          fmt::format("finding {}: Compliance.Status '{}' is none of PASSED, FAILED, "
                      "WARNING, NOT_AVAILABLE",
                      i + 1, compliance),
          fmt::format("第 {} 筆發現：Compliance.Status '{}' 不是 PASSED、FAILED、"
                      "WARNING、NOT_AVAILABLE 之一",
                      i + 1, compliance));
    }
    std::string region = string_at(item, "Region");
    if (region.empty()) {
      region = text_at(item, "Resources.0.Region");
    }
    const std::string resource = text_at(item, "Resources.0.Id");
    const std::string title = string_at(item, "Title");
    PostureFinding finding;
    finding.check_id = control;
    finding.status = *status;
    finding.muted = text_at(item, "Workflow.Status") == "SUPPRESSED";
    finding.provider = "aws";
    finding.account = account;
    finding.region = region;
    finding.resource = resource;
    finding.title = title;
    if (Status handed = sink(finding); !handed) {
      return std::unexpected(handed.error());
    }
    ++summary.controls;
  }
  return summary;
}

}  // namespace etguard::cloud
