// `etguard scan ... --import`: records each finding as scan evidence against
// the requirements its check proves, for the register object the target
// belongs to (--object, or the entry whose details.endpoints lists it).
#pragma once

#include <string>
#include <vector>

#include "check/check.h"
#include "cli/output.h"

namespace etguard::cli {

struct ImportRequest {
  std::vector<check::Finding> findings;
  std::string object;  // "trading/web-trading"; empty: match details.endpoints
};

// Returns the number of evidence records added; an Error when nothing could
// be imported (no workspace, no object for a target, nothing applies).
Result<int> import_findings(const Context& context, const ImportRequest& request);

}  // namespace etguard::cli
