// Checkov's findings over infrastructure code (`checkov -o json` or
// `-o sarif`): each check's result on each resource, handed over as posture
// findings named by Checkov's check id (CKV_AWS_19) and resource
// (aws_s3_bucket.data, or file:line in SARIF). Infrastructure code names no
// account or region: its findings belong to the service `scan cloud
// --object` names.
#pragma once

#include <string>
#include <string_view>

#include "cloud/code_scan.h"

namespace etguard::cloud {

// Whether the start of a file (file_head) reads as Checkov's JSON report or
// as SARIF: "check_type", "checkov_version" or "runs".
bool looks_like_checkov(std::string_view head);

// An error, located, for a file that is not JSON, a SARIF file another tool
// wrote (etguard reads Checkov's), a report without results, or a result
// without a check id; nothing is handed over then. SARIF carries failures
// only: a check it does not list is not known to pass.
[[nodiscard]] Result<CodeScanSummary> read_checkov(const std::string& path,
                                                   const PostureSink& sink);

}  // namespace etguard::cloud
