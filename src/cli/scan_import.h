// `etguard scan ... --import` and `--push`: the findings recorded in the
// workspace through app::import_findings, or sent to a server's
// POST /api/findings through app::push_findings with an API token; either
// way the command says what was recorded.
#pragma once

#include <CLI/CLI.hpp>

#include "app/findings.h"
#include "app/findings_push.h"
#include "cli/help.h"
#include "cli/output.h"

namespace etguard::cli {

// --push URL, --token-file FILE, --push-ca FILE on a scan that has --import.
void add_push_options(CLI::App& command, app::PushTarget& push, const Help& help);

// Returns the number of evidence records added (on the server when `push`
// names one).
Result<int> import_scan_findings(const Context& context, const app::FindingsImport& request,
                                 const app::PushTarget& push = {});

}  // namespace etguard::cli
