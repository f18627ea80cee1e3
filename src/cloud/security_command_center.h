// Google Security Command Center findings: the output of `gcloud scc
// findings list --format=json` (a JSON array of {"finding", "resource"}),
// the REST API's pages ({"listFindingsResults": [...]}), or findings exported
// one per line (Pub/Sub or BigQuery notifications), read as a stream. The
// findings of the vulnerability and misconfiguration classes are handed over
// as posture findings named by their category and placed by their project
// (its id, else its number); threats, observations, errors and posture drift
// are counted, not judged.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "cloud/posture.h"

namespace etguard::cloud {

struct SecurityCommandCenterSummary {
  std::string sha256;
  std::uint64_t active = 0;             // ACTIVE: failures (muted ones included)
  std::uint64_t muted = 0;              // of the active, those muted in Security Command Center
  std::uint64_t inactive = 0;           // INACTIVE: the setting was found fixed, a pass
  std::uint64_t unspecified = 0;        // STATE_UNSPECIFIED: handed over as manual
  std::uint64_t not_configuration = 0;  // threats, observations, errors…: not judged
};

// Whether the start of a file (file_head) reads as Security Command Center
// findings: their "category" and "resourceName" keys.
bool looks_like_security_command_center(std::string_view head);

// finding.state ACTIVE is a failure (muted when finding.mute is MUTED),
// INACTIVE a pass, STATE_UNSPECIFIED manual. The project is
// resource.projectDisplayName (or project_display_name, or
// gcpMetadata.projectDisplayName), with the number of resource.projectName
// as its alias; a finding without a project (an organization's) is placed
// by the container of its parent ("organizations/ID"). An error, located, for a file that is not
// JSON, or a value that holds no finding, or a finding without category or with another state; the
// caller records nothing then.
[[nodiscard]] Result<SecurityCommandCenterSummary> read_security_command_center(
    const std::string& path, const PostureSink& sink);

}  // namespace etguard::cloud
