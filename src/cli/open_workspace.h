// Opening the workspace a command works on (--workspace, $ETGUARD_WORKSPACE,
// or the nearest .etguard above the current directory).
#pragma once

#include "cli/output.h"
#include "workspace/workspace.h"

namespace etguard::cli {

Result<workspace::Workspace> open_workspace(const Context& context);

}  // namespace etguard::cli
