#include "cloud/security_command_center.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "cloud/json_document.h"
#include "cloud/json_values.h"

namespace etguard::cloud {
namespace {

using nlohmann::json;

// The finding classes that speak of a configuration; a finding without a
// class (OPEN_FIREWALL is published as unspecified) is judged too.
bool is_configuration_class(std::string_view finding_class) {
  return finding_class.empty() || finding_class == "VULNERABILITY" ||
         finding_class == "MISCONFIGURATION" || finding_class == "FINDING_CLASS_UNSPECIFIED";
}

// The finding of one item: {"finding": {...}} as gcloud and the API give it,
// {"findings": {...}} as some exports spell it, or the finding itself.
const json* finding_of(const json& item) {
  if (!item.is_object()) {
    return nullptr;
  }
  for (const char* key : {"finding", "findings"}) {
    const auto found = item.find(key);
    if (found != item.end() && found->is_object()) {
      return &*found;
    }
  }
  return item.contains("category") ? &item : nullptr;
}

// The project of the finding's resource: its id (the display name gcloud
// and the exports give) and its number (the last part of projectName).
struct Project {
  std::string id;
  std::string number;
};

Project project_of(const json& item) {
  const json* resource = at_path(item, "resource");
  if (resource == nullptr) {
    return {};
  }
  Project project;
  for (const std::string_view path :
       {"projectDisplayName", "project_display_name", "gcpMetadata.projectDisplayName"}) {
    project.id = text_at(*resource, path);
    if (!project.id.empty()) {
      break;
    }
  }
  for (const std::string_view path : {"projectName", "project_name", "gcpMetadata.project"}) {
    const std::string name = text_at(*resource, path);
    if (const std::size_t slash = name.rfind('/'); slash != std::string::npos) {
      project.number = name.substr(slash + 1);
      break;
    }
  }
  return project;
}

// The container a finding without a project was found in: "organizations/ID"
// of its parent ("organizations/ID/sources/SOURCE"), so that it is reported
// by that name and can be registered as an account.
std::string container_of(const json& finding) {
  const std::string parent = string_at(finding, "parent");
  const std::size_t first = parent.find('/');
  const std::size_t second = first == std::string::npos ? first : parent.find('/', first + 1);
  return parent.substr(0, second);
}

class FindingReader {
 public:
  FindingReader(const std::string& path, const PostureSink& sink,
                SecurityCommandCenterSummary& summary)
      : path_(path), sink_(sink), summary_(summary) {}

  Status item(const json& item, std::uint64_t offset) {
    const std::size_t number = ++seen_;
    const json* finding = finding_of(item);
    if (finding == nullptr || string_at(*finding, "category").empty()) {
      return json_input_error(
          path_, offset,
          fmt::format("finding {}: not a Security Command Center finding (no finding.category)",
                      number),
          fmt::format("第 {} 筆發現：不是 Security Command Center 發現（缺少 finding.category）",
                      number));
    }
    const std::string category = string_at(*finding, "category");
    const std::string state = string_at(*finding, "state");
    const std::optional<PostureStatus> status = status_of(state);
    if (!status) {
      return json_input_error(
          path_, offset,
          fmt::format("finding {}: state '{}' is none of ACTIVE, INACTIVE, STATE_UNSPECIFIED",
                      number, state),
          fmt::format("第 {} 筆發現：state '{}' 不是 ACTIVE、INACTIVE、STATE_UNSPECIFIED 之一",
                      number, state));
    }
    if (!is_configuration_class(string_at(*finding, "findingClass"))) {
      ++summary_.not_configuration;
      return {};
    }
    const bool muted = *status == PostureStatus::kFail && string_at(*finding, "mute") == "MUTED";
    count(*status, muted);
    Project project = project_of(item);
    if (project.id.empty() && project.number.empty()) {
      project.id = container_of(*finding);
    }
    const std::string resource = string_at(*finding, "resourceName");
    const std::string region = text_at(item, "resource.location");
    const std::string title = string_at(*finding, "description");
    PostureFinding posture;
    posture.check_id = category;
    posture.status = *status;
    posture.muted = muted;
    posture.provider = "gcp";
    posture.account = project.id.empty() ? project.number : project.id;
    posture.account_alias = project.id.empty() ? std::string_view() : project.number;
    posture.region = region;
    posture.resource = resource;
    posture.title = title;
    return sink_(posture);
  }

 private:
  static std::optional<PostureStatus> status_of(std::string_view state) {
    if (state == "ACTIVE") {
      return PostureStatus::kFail;
    }
    if (state == "INACTIVE") {
      return PostureStatus::kPass;
    }
    if (state == "STATE_UNSPECIFIED") {
      return PostureStatus::kManual;
    }
    return std::nullopt;
  }

  void count(PostureStatus status, bool muted) {
    switch (status) {
      case PostureStatus::kFail:
        ++summary_.active;
        summary_.muted += muted ? 1 : 0;
        break;
      case PostureStatus::kPass:
        ++summary_.inactive;
        break;
      case PostureStatus::kManual:
        ++summary_.unspecified;
        break;
    }
  }

  const std::string& path_;
  const PostureSink& sink_;
  SecurityCommandCenterSummary& summary_;
  std::size_t seen_ = 0;
};

}  // namespace

bool looks_like_security_command_center(std::string_view head) {
  return head.find("\"category\"") != std::string_view::npos &&
         head.find("\"resourceName\"") != std::string_view::npos;
}

Result<SecurityCommandCenterSummary> read_security_command_center(const std::string& path,
                                                                  const PostureSink& sink) {
  SecurityCommandCenterSummary summary;
  FindingReader reader(path, sink, summary);
  auto sha256 = for_each_json_item(
      path, "listFindingsResults",
      [&](const json& item, std::uint64_t offset, bool) { return reader.item(item, offset); });
  if (!sha256) {
    return std::unexpected(sha256.error());
  }
  summary.sha256 = std::move(*sha256);
  return summary;
}

}  // namespace etguard::cloud
