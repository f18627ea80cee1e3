// Opening the workspace a command works on (--workspace, $ETGUARD_WORKSPACE,
// or the nearest .etguard above the current directory), as the terminal's
// user, on the system clock.
#pragma once

#include "app/session.h"
#include "cli/output.h"

namespace etguard::cli {

Result<app::Session> open_session(const Context& context);

}  // namespace etguard::cli
