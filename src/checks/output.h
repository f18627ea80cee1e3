// Machine output of findings: JSON Lines (etguard.finding, format version 1)
// and OCSF Detection Finding (class 2004) for SIEMs.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "checks/check.h"

namespace etguard::check {

inline constexpr const char* kFindingFormatVersion = "1.0";

nlohmann::ordered_json finding_json(const Finding& finding);
nlohmann::ordered_json ocsf_detection_finding(const Finding& finding);

// The findings on one file, for SARIF.
struct SarifArtifact {
  std::string uri;
  std::span<const Finding> findings;
};

// SARIF 2.1.0, for code-scanning pipelines: one rule per check, one result
// per reason of a finding that did not pass (level error for a fail, warning
// for could-not-assess) and per warning (level note), located in its file.
nlohmann::ordered_json sarif_log(std::span<const SarifArtifact> artifacts);

// Codes of the failing reasons and of the warnings.
std::vector<std::string> failure_codes(const Assessment& assessment);
std::vector<std::string> warning_codes(const Assessment& assessment);

}  // namespace etguard::check
