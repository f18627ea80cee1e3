// etguard's own rules (mappings/cloudformation-rules.yaml) over a
// CloudFormation template, JSON or YAML: each resource's Properties judged
// property by property, handed over as posture findings named by rule id and
// the resource's logical id with its line. A template names no region (a
// stack is deployed to one), so its findings are not judged on location.
#pragma once

#include <string>

#include "cloud/mapping.h"
#include "cloud/posture.h"

namespace etguard::cloud {

// An error, located (line and column), for a file that is not YAML or JSON,
// has no Resources mapping, or a resource without a Type; nothing is handed
// over then. A property given by an intrinsic function (Ref, Fn::GetAtt,
// !Sub...) is handed over as PostureStatus::kManual, never as a pass.
[[nodiscard]] Result<IacSummary> read_cloudformation(const std::string& path,
                                                     const PostureSink& sink,
                                                     const RuleContext& context = {});

}  // namespace etguard::cloud
