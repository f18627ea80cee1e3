// etguard's own rules (mappings/terraform-rules.yaml) over a Terraform plan
// (`terraform show -json PLANFILE`): each managed resource's planned values
// judged attribute by attribute, handed over as posture findings named by
// rule id and resource address, with the resource's region.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "cloud/posture.h"

namespace etguard::cloud {

struct PlanSummary {
  std::string sha256;
  std::string terraform_version;
  std::string format_version;
  std::uint64_t resources = 0;  // managed resources planned
  std::uint64_t judged = 0;     // of them, with at least one rule
  std::uint64_t unknown = 0;    // rule attributes known only after apply: not judged
  // Resource types no rule judges, with their counts: reported, never passed.
  std::map<std::string, std::uint64_t, std::less<>> not_judged;
};

// An error, located, for a file that is not JSON, not a plan (no
// planned_values), or of a plan format other than 0.x and 1.x; nothing is
// handed over then. A value known only after apply is handed over as
// PostureStatus::kManual (not judged), never as a pass.
[[nodiscard]] Result<PlanSummary> read_terraform_plan(const std::string& path,
                                                      const PostureSink& sink);

}  // namespace etguard::cloud
