// What a scanner of infrastructure code (Checkov, Trivy) reported in one
// file: its checks' results on the code of the service `scan cloud --object`
// names.
#pragma once

#include <cstdint>
#include <string>

#include "cloud/posture.h"

namespace etguard::cloud {

struct CodeScanSummary {
  Tool tool = Tool::kCheckov;
  std::string sha256;
  std::string format;  // "json" or "sarif"
  std::uint64_t passed = 0;
  std::uint64_t failed = 0;
  std::uint64_t skipped = 0;  // suppressed in the code or excepted: handed over as muted failures
  // Results that are no check of configuration (Trivy's vulnerabilities and
  // secrets): counted, not judged.
  std::uint64_t not_checks = 0;
};

// Counts `finding` in `summary` (a pass; a muted failure as skipped; else a
// failure) and hands it to `sink`.
Status count_and_hand_over(const PostureFinding& finding, CodeScanSummary& summary,
                           const PostureSink& sink);

}  // namespace etguard::cloud
