// How subcommands plug into main: each registers itself on a CLI11 app and,
// when the user picks it, stores the action to run. main() parses the command
// line, builds the Context (language, JSON mode) and runs that action.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "cli/help.h"
#include "cli/output.h"

namespace etguard::cli {

// Returns the process exit code (kExitOk, kExitFindings) or an Error.
using Action = std::function<Result<int>(const Context&)>;

void add_catalog_command(CLI::App& app, Action& selected, const Help& help);
void add_config_command(CLI::App& app, Action& selected, const Help& help);
void add_workspace_commands(CLI::App& app, Action& selected, const Help& help);  // init, registers
void add_scope_command(CLI::App& app, Action& selected, const Help& help);
void add_soa_command(CLI::App& app, Action& selected, const Help& help);
void add_mail_command(CLI::App& app, Action& selected, const Help& help);
void add_answers_command(CLI::App& app, Action& selected, const Help& help);
void add_cycle_command(CLI::App& app, Action& selected, const Help& help);
void add_pack_command(CLI::App& app, Action& selected, const Help& help);
void add_backup_commands(CLI::App& app, Action& selected, const Help& help);
void add_ledger_command(CLI::App& app, Action& selected, const Help& help);
void add_result_commands(CLI::App& app, Action& selected, const Help& help);  // result set, status
void add_report_command(CLI::App& app, Action& selected, const Help& help);
void add_evidence_command(CLI::App& app, Action& selected, const Help& help);
void add_scan_command(CLI::App& app, Action& selected, const Help& help);  // scan tls, scan pii
void add_user_command(CLI::App& app, Action& selected, const Help& help);
void add_token_command(CLI::App& app, Action& selected, const Help& help);
void add_serve_command(CLI::App& app, Action& selected, const Help& help);
void add_ai_command(CLI::App& app, Action& selected, const Help& help);  // ai assess

// `result history`, added to the result command.
void add_result_history(CLI::App& result, Action& selected, const Help& help);

// Parts of `etguard catalog`, each in its own file.
void add_catalog_show(CLI::App& catalog, Action& selected, const Help& help);
void add_catalog_export(CLI::App& catalog, Action& selected, const Help& help);
void add_catalog_vocabulary(CLI::App& catalog, Action& selected, const Help& help);
void add_catalog_coverage(CLI::App& catalog, Action& selected, const Help& help);

// `registers set|remove` and `profile set`, added to the registers command.
void add_registers_edit(CLI::App& registers, CLI::App& app, Action& selected, const Help& help);

// Parts of `etguard scan`.
void add_scan_tls(CLI::App& scan, Action& selected, const Help& help);
void add_scan_pii(CLI::App& scan, Action& selected, const Help& help);
void add_scan_ai_fairness(CLI::App& scan, Action& selected, const Help& help);
void add_scan_ai_features(CLI::App& scan, Action& selected, const Help& help);
void add_scan_genai_log(CLI::App& scan, Action& selected, const Help& help);
void add_scan_chatbot(CLI::App& scan, Action& selected, const Help& help);
void add_scan_ai_modelcard(CLI::App& scan, Action& selected, const Help& help);
void add_scan_authlog(CLI::App& scan, Action& selected, const Help& help);
void add_scan_iot(CLI::App& scan, Action& selected, const Help& help);
void add_scan_app(CLI::App& scan, Action& selected, const Help& help);
void add_scan_cloud(CLI::App& scan, Action& selected, const Help& help);

}  // namespace etguard::cli
