#include "cloud/posture.h"

#include <fmt/format.h>
#include <simdjson.h>

#include "cloud/json_values.h"

namespace etguard::cloud {
namespace {

namespace od = simdjson::ondemand;

static_assert(kJsonPadding >= simdjson::SIMDJSON_PADDING);

// A string field's text; empty for another type (null, a number). Malformed
// JSON throws.
std::string_view string_of(od::value value) {
  std::string_view text;
  const simdjson::error_code error = value.get_string().get(text);
  if (error == simdjson::INCORRECT_TYPE) {
    return {};
  }
  if (error != simdjson::SUCCESS) {
    throw simdjson::simdjson_error(error);
  }
  return text;
}

void read_cloud(od::object cloud, PostureFinding& out) {
  for (od::field field : cloud) {
    if (field.key() == "account") {
      for (od::field account : field.value().get_object()) {
        if (account.key() == "uid") {
          out.account = string_of(account.value());
        }
      }
    } else if (field.key() == "provider") {
      out.provider = string_of(field.value());
    } else if (field.key() == "region") {
      out.region = string_of(field.value());
    }
  }
}

void read_first_resource(od::array resources, PostureFinding& out) {
  for (od::value resource : resources) {
    for (od::field field : resource.get_object()) {
      if (field.key() == "uid") {
        out.resource = string_of(field.value());
      } else if (field.key() == "region" && out.region.empty()) {
        out.region = string_of(field.value());
      }
    }
    return;
  }
}

// The finding's fields, in one pass over its object (others are skipped).
std::string_view read_finding(od::object finding, PostureFinding& out) {
  std::string_view status_code;
  for (od::field field : finding) {
    const od::raw_json_string key = field.key();
    if (key == "metadata") {
      for (od::field meta : field.value().get_object()) {
        if (meta.key() == "event_code") {
          out.check_id = string_of(meta.value());
        }
      }
    } else if (key == "status_code") {
      status_code = string_of(field.value());
    } else if (key == "status") {
      out.muted = string_of(field.value()) == "Suppressed";
    } else if (key == "cloud") {
      read_cloud(field.value().get_object(), out);
    } else if (key == "resources") {
      read_first_resource(field.value().get_array(), out);
    } else if (key == "finding_info") {
      for (od::field info : field.value().get_object()) {
        if (info.key() == "title") {
          out.title = string_of(info.value());
        }
      }
    }
  }
  return status_code;
}

}  // namespace

std::string_view tool_name(Tool tool) {
  switch (tool) {
    case Tool::kProwler:
      return "prowler";
    case Tool::kTerraform:
      return "terraform";
    case Tool::kCheckov:
      return "checkov";
    case Tool::kSecurityHub:
      return "security_hub";
    case Tool::kCloudformation:
      return "cloudformation";
    case Tool::kTrivy:
      return "trivy";
    case Tool::kAzurePolicy:
      return "azure_policy";
    case Tool::kSecurityCommandCenter:
      return "security_command_center";
  }
  return "?";
}

std::optional<PostureStatus> prowler_status(std::string_view status) {
  if (status == "PASS") {
    return PostureStatus::kPass;
  }
  if (status == "FAIL") {
    return PostureStatus::kFail;
  }
  if (status == "MANUAL") {
    return PostureStatus::kManual;
  }
  return std::nullopt;
}

Result<std::string> read_prowler_ocsf(const std::string& path, const PostureSink& sink,
                                      const JsonReadOptions& options) {
  od::parser parser;
  return for_each_json_value(
      path,
      [&](const JsonValue& value) -> Status {
        const auto problem = [&](std::string_view en, std::string_view zh) {
          return json_input_error(path, value.offset,
                                  fmt::format("finding {}: {}", value.index + 1, en),
                                  fmt::format("第 {} 筆發現：{}", value.index + 1, zh));
        };
        PostureFinding finding;
        std::string_view status_code;
        try {
          od::document document = parser.iterate(simdjson::padded_string_view(
              value.text.data(), value.text.size(), value.text.size() + kJsonPadding));
          status_code = read_finding(document.get_object(), finding);
        } catch (const simdjson::simdjson_error& error) {
          return problem(fmt::format("not valid JSON: {}", error.what()),
                         fmt::format("不是有效的 JSON：{}", error.what()));
        }
        if (finding.check_id.empty()) {
          return problem(
              "metadata.event_code is missing or not a string: not a Prowler OCSF finding",
              "metadata.event_code 缺漏或不是字串：不是 Prowler OCSF 發現");
        }
        if (const auto status = prowler_status(status_code)) {
          finding.status = *status;
        } else {
          return problem(fmt::format("status_code '{}' is none of PASS, FAIL, MANUAL", status_code),
                         fmt::format("status_code '{}' 不是 PASS、FAIL 或 MANUAL", status_code));
        }
        return sink(finding);
      },
      options);
}

}  // namespace etguard::cloud
