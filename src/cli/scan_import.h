// `etguard scan ... --import`: opens the workspace, records the findings
// through app::import_findings and says what was recorded.
#pragma once

#include "app/findings.h"
#include "cli/output.h"

namespace etguard::cli {

// Returns the number of evidence records added.
Result<int> import_scan_findings(const Context& context, const app::FindingsImport& request);

}  // namespace etguard::cli
