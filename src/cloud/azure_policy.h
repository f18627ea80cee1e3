// Azure Policy compliance states (`az policy state list`, or the REST API's
// {"value": [...]}), as Microsoft Defender for Cloud evaluates its Microsoft
// cloud security benchmark initiative: each policy definition's state on
// each resource, handed over as posture findings named by the definition's
// name (a GUID) and placed by subscriptionId and resourceLocation. Read as a
// stream: a JSON array, JSON Lines, or the REST API's pages.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "cloud/posture.h"

namespace etguard::cloud {

struct AzurePolicySummary {
  std::string sha256;
  std::uint64_t compliant = 0;
  std::uint64_t non_compliant = 0;
  std::uint64_t exempt = 0;   // exempted: handed over as muted failures
  std::uint64_t unknown = 0;  // Unknown (a manual policy), Conflict…: handed over as manual
};

// Whether the start of a file (file_head) reads as policy states: its
// "complianceState" and "policyDefinitionName" keys.
bool looks_like_azure_policy(std::string_view head);

// complianceState Compliant is a pass, NonCompliant a failure, Exempt a
// muted failure, Unknown, Conflict, NotStarted and Error manual (not judged).
// An error, located, for a file that is not JSON, or a state without
// policyDefinitionName or subscriptionId or with another complianceState;
// the caller records nothing then.
[[nodiscard]] Result<AzurePolicySummary> read_azure_policy(const std::string& path,
                                                           const PostureSink& sink);

}  // namespace etguard::cloud
