// etguard's own rules (mappings/terraform-rules.yaml) over a Terraform plan
// (`terraform show -json PLANFILE`): each managed resource's planned values
// judged attribute by attribute, handed over as posture findings named by
// rule id and resource address, with the resource's region.
#pragma once

#include <string>

#include "cloud/mapping.h"
#include "cloud/posture.h"

namespace etguard::cloud {

// An error, located, for a file that is not JSON, not a plan (no
// planned_values), or of a plan format other than 0.x and 1.x; nothing is
// handed over then. A value known only after apply is handed over as
// PostureStatus::kManual (not judged), never as a pass; so is a rule that
// compares with the register (trusted registries) when `context` lacks it.
[[nodiscard]] Result<IacSummary> read_terraform_plan(const std::string& path,
                                                     const PostureSink& sink,
                                                     const RuleContext& context = {});

}  // namespace etguard::cloud
