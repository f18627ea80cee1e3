// Trivy's findings over infrastructure code (`trivy config -f json`, `trivy
// fs --scanners misconfig -f json`, or `-f sarif`): each misconfiguration
// check's result on each resource, handed over as posture findings named by
// the check's id as Trivy publishes it (AWS-0086; a report's AVD-AWS-0086 is
// read as that) and the resource (aws_s3_bucket.data, else file:line). Like
// Checkov's, they belong to the service `scan cloud --object` names.
#pragma once

#include <string>
#include <string_view>

#include "cloud/code_scan.h"

namespace etguard::cloud {

// Whether the start of a file (file_head) reads as Trivy's JSON report
// ("ArtifactName") or as SARIF whose tool is Trivy.
bool looks_like_trivy(std::string_view head);

// An error, located, for a file that is not JSON, a SARIF file another tool
// wrote, a report without Results, or a misconfiguration without an id or
// with a status Trivy does not write (PASS, FAIL, EXCEPTION; an exception is
// a muted failure). Vulnerabilities, secrets and licences are counted as
// not_checks, never judged. Trivy lists passes only with
// --include-non-failures, and SARIF never: a check it does not list is not
// known to pass.
[[nodiscard]] Result<CodeScanSummary> read_trivy(const std::string& path, const PostureSink& sink);

}  // namespace etguard::cloud
