// etguard: the command line. Parses options, picks the language, runs the
// chosen subcommand and maps its outcome to the exit codes of
// docs/exit-codes.md (0 ok, 1 findings, 2 usage or input error, 3 internal).
#include <fmt/format.h>

#include <exception>

#include "cli/command.h"

namespace {

constexpr std::string_view kVersion = "0.1.0";

int run(int argc, char** argv) {
  using etguard::cli::Context;
  CLI::App app{
      "etguard — the Emerging Technology Cybersecurity Control Guideline as software\n"
      "etguard — 新興科技資通安全管控指引的法遵工具"};
  app.set_version_flag("--version", std::string(kVersion));
  app.require_subcommand(1);
  app.fallthrough();
  std::string lang_name;
  bool json = false;
  app.add_option("--lang", lang_name, "zh-TW | en (default: from LANG)");
  app.add_flag("--json", json, "machine-readable output");
  app.footer(
      "Examples:\n"
      "  etguard catalog stats\n"
      "  etguard catalog show ET-8.3.5 --lang zh-TW\n"
      "  etguard catalog search 多因子\n"
      "  etguard catalog export --format oscal --out catalog.json");
  etguard::cli::Action selected;
  std::string workspace;
  app.add_option(
      "--workspace", workspace,
      "workspace directory (default: $ETGUARD_WORKSPACE, else the nearest .etguard above)");
  std::string actor;
  app.add_option("--actor", actor,
                 "who is acting, as recorded in the ledger (default: $ETGUARD_ACTOR, else "
                 "'etguard config set user.name', else the system account)");
  etguard::cli::add_catalog_command(app, selected);
  etguard::cli::add_config_command(app, selected);
  etguard::cli::add_workspace_commands(app, selected);
  etguard::cli::add_scope_command(app, selected);
  etguard::cli::add_soa_command(app, selected);
  etguard::cli::add_answers_command(app, selected);
  etguard::cli::add_cycle_command(app, selected);
  etguard::cli::add_pack_command(app, selected);
  etguard::cli::add_ledger_command(app, selected);
  etguard::cli::add_result_commands(app, selected);
  etguard::cli::add_report_command(app, selected);
  etguard::cli::add_evidence_command(app, selected);
  etguard::cli::add_scan_command(app, selected);

  Context context;
  context.lang = etguard::lang_from_environment();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? etguard::kExitOk : etguard::kExitUsage;
  }
  if (!lang_name.empty()) {
    const auto lang = etguard::parse_lang(lang_name);
    if (!lang) {
      fmt::print(stderr, "etguard: unknown --lang '{}'; use zh-TW or en\n", lang_name);
      return etguard::kExitUsage;
    }
    context.lang = *lang;
  }
  context.json = json;
  if (!workspace.empty()) {
    context.workspace = workspace;
  }
  context.actor = actor;
  const auto outcome = selected(context);
  if (!outcome) {
    etguard::cli::print_error(context, outcome.error());
    return etguard::exit_code(outcome.error());
  }
  return *outcome;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const int code = run(argc, argv);
    std::fflush(stdout);
    return code;
  } catch (const std::exception& error) {
    fmt::print(stderr, "etguard: internal error: {}\n", error.what());
    return etguard::kExitInternal;
  }
}
