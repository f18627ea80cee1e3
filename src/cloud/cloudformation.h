// etguard's own rules (mappings/cloudformation-rules.yaml) over a
// CloudFormation template, JSON or YAML: each resource's Properties judged
// property by property, handed over as posture findings named by rule id and
// the resource's logical id with its line. A template names no region (a
// stack is deployed to one), so its findings are not judged on location.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "cloud/posture.h"

namespace etguard::cloud {

struct TemplateSummary {
  std::string sha256;
  std::string format_version;  // AWSTemplateFormatVersion; empty when not given
  std::uint64_t resources = 0;
  std::uint64_t judged = 0;   // of them, with at least one rule
  std::uint64_t unknown = 0;  // rule properties given by an intrinsic function: not judged
  // Resource types no rule judges, with their counts: reported, never passed.
  std::map<std::string, std::uint64_t, std::less<>> not_judged;
};

// An error, located (line and column), for a file that is not YAML or JSON,
// has no Resources mapping, or a resource without a Type; nothing is handed
// over then. A property given by an intrinsic function (Ref, Fn::GetAtt,
// !Sub...) is handed over as PostureStatus::kManual, never as a pass.
[[nodiscard]] Result<TemplateSummary> read_cloudformation(const std::string& path,
                                                          const PostureSink& sink);

}  // namespace etguard::cloud
