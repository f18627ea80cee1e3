#include "cli/app.h"

namespace etguard::cli {

namespace {

constexpr std::string_view kVersion = "0.1.0";

}  // namespace

std::unique_ptr<CLI::App> make_app(const Help& help, Invocation& invocation) {
  auto app = std::make_unique<CLI::App>(
      help("etguard — the Emerging Technology Cybersecurity Control Guideline as software",
           "etguard — 新興科技資通安全管控指引的法遵工具"),
      "etguard");
  app->set_help_flag("-h,--help", help("Print this help and exit", "顯示說明後結束"));
  app->set_version_flag("--version", std::string(kVersion),
                        help("Print the version and exit", "顯示版本後結束"));
  app->require_subcommand(1);
  app->fallthrough();
  app->add_option("--lang", invocation.lang_name,
                  help("zh-TW | en (default: from LANG)", "zh-TW | en（預設依 LANG 環境變數）"));
  app->add_flag("--json", invocation.json, help("machine-readable output", "機器可讀之 JSON 輸出"));
  app->add_option("--workspace", invocation.workspace,
                  help("workspace directory (default: $ETGUARD_WORKSPACE, else the nearest "
                       ".etguard above)",
                       "工作區目錄（預設為 $ETGUARD_WORKSPACE，否則為上層最近之 .etguard）"));
  app->add_option("--actor", invocation.actor,
                  help("who is acting, as recorded in the ledger (default: $ETGUARD_ACTOR, else "
                       "'etguard config set user.name', else the system account)",
                       "記入稽核帳本之操作者（預設為 $ETGUARD_ACTOR，否則為 "
                       "'etguard config set user.name' 之設定，否則為系統帳號）"));
  app->footer(help.footer({}, {},
                          "  etguard catalog stats\n"
                          "  etguard catalog show ET-8.3.5 --lang zh-TW\n"
                          "  etguard catalog search 多因子\n"
                          "  etguard catalog export --format oscal --out catalog.json"));
  Action& selected = invocation.selected;
  add_catalog_command(*app, selected, help);
  add_config_command(*app, selected, help);
  add_workspace_commands(*app, selected, help);
  add_scope_command(*app, selected, help);
  add_soa_command(*app, selected, help);
  add_ai_command(*app, selected, help);
  add_mail_command(*app, selected, help);
  add_answers_command(*app, selected, help);
  add_cycle_command(*app, selected, help);
  add_pack_command(*app, selected, help);
  add_backup_commands(*app, selected, help);
  add_ledger_command(*app, selected, help);
  add_result_commands(*app, selected, help);
  add_report_command(*app, selected, help);
  add_evidence_command(*app, selected, help);
  add_scan_command(*app, selected, help);
  add_user_command(*app, selected, help);
  add_token_command(*app, selected, help);
  add_serve_command(*app, selected, help);
  help.apply_to(*app);
  return app;
}

}  // namespace etguard::cli
