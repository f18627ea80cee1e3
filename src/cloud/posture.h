// Findings of the cloud posture tools firms already run, read into one
// shape: which tool check, on which account, region and resource, passed or
// failed. Prowler's OCSF output (a JSON array or JSON Lines) is read as a
// stream in bounded memory (docs/cloud.md).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "cloud/json_values.h"
#include "core/result.h"

namespace etguard::cloud {

enum class PostureStatus { kPass, kFail, kManual };

enum class Tool {
  kProwler,
  kTerraform,
  kCheckov,
  kSecurityHub,
  kCloudformation,
  kTrivy,
  kAzurePolicy,
  kSecurityCommandCenter
};

std::string_view tool_name(Tool tool);

// Prowler's status (OCSF status_code, CSV STATUS): PASS, FAIL or MANUAL;
// nothing for another text.
std::optional<PostureStatus> prowler_status(std::string_view status);

// One finding. The views are valid only during the sink's call.
struct PostureFinding {
  std::string_view check_id;  // the tool's check: "s3_bucket_default_encryption"
  PostureStatus status = PostureStatus::kManual;
  bool muted = false;              // suppressed in the tool (still counted as it is)
  std::string_view provider;       // aws, azure, gcp, kubernetes…
  std::string_view account;        // AWS account, Azure subscription, GCP project
  std::string_view account_alias;  // the same account's other name (a GCP project's number)
  std::string_view region;         // "ap-northeast-1", "global", empty
  std::string_view resource;       // ARN or resource id
  std::string_view title;
};

using PostureSink = std::function<Status(const PostureFinding&)>;

// Reads a Prowler OCSF file (`prowler … --output-formats json-ocsf`: Detection
// Findings with metadata.event_code, status_code PASS/FAIL/MANUAL,
// cloud.account.uid, cloud.region, resources[0].uid). An error names the file,
// line and byte of the first finding that is not valid JSON or lacks
// metadata.event_code or a known status_code. Returns the file's SHA-256.
[[nodiscard]] Result<std::string> read_prowler_ocsf(const std::string& path,
                                                    const PostureSink& sink,
                                                    const JsonReadOptions& options = {});

}  // namespace etguard::cloud
