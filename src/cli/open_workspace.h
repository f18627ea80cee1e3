// Opening the workspace a command works on (--workspace, $ETGUARD_WORKSPACE,
// or the nearest .etguard above the current directory), as the terminal's
// user, on the system clock.
#pragma once

#include "app/session.h"
#include "cli/output.h"

namespace etguard::cli {

// Commands that only read open with kReadOnly: they work on an archive, a
// WORM share or a disc, and never load the signing key.
using Access = workspace::Workspace::Access;
Result<app::Session> open_session(const Context& context, Access access = Access::kReadWrite);

}  // namespace etguard::cli
