// AWS Security Hub findings in the AWS Security Finding Format (ASFF): the
// output of `aws securityhub get-findings` ({"Findings": [...]}), a JSON
// array of findings, or one finding per line (JSON Lines), read as a stream. Control findings
// (Compliance.SecurityControlId, else ProductFields.ControlId) are handed over as posture findings
// placed by AwsAccountId and Region; the findings of other products (GuardDuty, Inspector…) and
// archived findings are counted, not judged.
#pragma once

#include <cstdint>
#include <string>

#include "cloud/posture.h"

namespace etguard::cloud {

struct SecurityHubSummary {
  std::string sha256;
  std::uint64_t controls = 0;      // control findings handed over
  std::uint64_t not_controls = 0;  // findings without a control id: not judged
  std::uint64_t archived = 0;      // RecordState ARCHIVED: no longer current, not judged
};

// Whether the start of a file (file_head) reads as ASFF: its
// "SchemaVersion", "AwsAccountId" or "Findings" key.
bool looks_like_security_hub(std::string_view head);

// Compliance.Status PASSED is a pass, FAILED a failure, WARNING and
// NOT_AVAILABLE manual (not judged); Workflow.Status SUPPRESSED mutes a
// failure. An error, located, for a file that is not JSON, a value that is
// neither {"Findings": [...]} nor a finding, or a finding that is not an
// object, lacks AwsAccountId or has a Compliance.Status outside ASFF's four;
// the findings before it have been handed over, and the caller records
// nothing then.
[[nodiscard]] Result<SecurityHubSummary> read_security_hub(const std::string& path,
                                                           const PostureSink& sink);

}  // namespace etguard::cloud
