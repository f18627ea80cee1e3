// The checks' findings as a scan prints them: JSON Lines (etguard.finding)
// or OCSF, one per line; or, on a terminal, each check's verdict and reasons.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "checks/check.h"
#include "cli/output.h"

namespace etguard::cli {

// `format` is "jsonl" or "ocsf".
std::string finding_lines(std::span<const check::Finding> findings, std::string_view format);
std::string finding_verdicts(const Context& context, const std::vector<check::Finding>& findings);
// The finding's reasons, one indented line each ("  warning CODE: text").
std::string reason_lines(const Context& context, const check::Finding& finding);

}  // namespace etguard::cli
