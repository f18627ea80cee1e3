// etguard init [DIR]; etguard registers import FILE | export | list
#include <fmt/format.h>

#include "app/registers.h"
#include "cli/command.h"
#include "cli/open_workspace.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

struct InitOptions {
  std::string dir;
  std::string key_uri;
};

Result<int> run_init(const Context& context, const InitOptions& options) {
  const std::string& dir = options.dir;
  const std::filesystem::path target =
      dir.empty() ? std::filesystem::current_path() : std::filesystem::path(dir);
  auto environment = app::terminal_environment(context.actor);
  if (!environment) {
    return std::unexpected(environment.error());
  }
  auto session = app::Session::create(target, options.key_uri, std::move(*environment));
  if (!session) {
    return std::unexpected(session.error());
  }
  const workspace::Workspace& workspace = session->workspace();
  if (context.json) {
    print_json(Json{{"format", "etguard.init"},
                    {"format_version", "1.0"},
                    {"workspace", workspace.paths().root.string()},
                    {"ledger_public_key", workspace.public_key_hex()}});
  } else {
    const bool zh = context.lang == Lang::kZhTw;
    print(fmt::format(
        fmt::runtime(
            zh ? "已建立工作區：{}\n帳本公鑰（請另行保存以供稽核驗證）：{}\n"
               : "workspace created: {}\nledger public key (keep a copy for auditors): {}\n"),
        workspace.paths().root.string(), workspace.public_key_hex()));
  }
  return kExitOk;
}

struct RegistersImportOptions {
  std::string file;
  app::RegistersImportOptions how;
};

Result<int> run_registers_import(const Context& context, const RegistersImportOptions& options) {
  auto session = open_session(context);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto imported = app::import_registers_file(*session, options.file, options.how);
  if (!imported) {
    return std::unexpected(imported.error());
  }
  const workspace::ImportSummary& summary = imported->summary;
  if (context.json) {
    print_json(Json{{"format", "etguard.import"},
                    {"format_version", "1.1"},
                    {"dry_run", imported->dry_run},
                    {"added", summary.added},
                    {"changed", summary.changed},
                    {"removed", summary.removed},
                    {"orphaned", imported->orphaned},
                    {"ledger_entries", summary.ledger_entries}});
    return kExitOk;
  }
  const bool zh = context.lang == Lang::kZhTw;
  if (imported->dry_run) {
    std::string out = fmt::format(
        fmt::runtime(zh ? "試算 {}（未變更任何資料）：新增 {}、變更 {}、移除 {}\n"
                        : "dry run of {} (nothing changed): {} to add, {} to change, {} to "
                          "remove\n"),
        options.file, summary.added.size(), summary.changed.size(), summary.removed.size());
    for (const auto& [sign, keys] :
         {std::pair{"+", &summary.added}, std::pair{"~", &summary.changed},
          std::pair{"-", &summary.removed}}) {
      for (const std::string& key : *keys) {
        out += fmt::format("  {} {}\n", sign, key);
      }
    }
    for (const std::string& orphan : imported->orphaned) {
      out += fmt::format(fmt::runtime(zh ? "  ! 移除後仍有紀錄：{}（需 --force；紀錄會保留）\n"
                                         : "  ! still recorded after removal: {} (needs --force; "
                                           "the records are kept)\n"),
                         orphan);
    }
    print(out);
    return kExitOk;
  }
  print(fmt::format(
      fmt::runtime(zh ? "匯入 {}：新增 {}、變更 {}、移除 {}（帳本 {} 筆）\n"
                      : "imported {}: {} added, {} changed, {} removed ({} ledger entries)\n"),
      options.file, summary.added.size(), summary.changed.size(), summary.removed.size(),
      summary.ledger_entries));
  return kExitOk;
}

struct RegistersExportOptions {
  std::string format = "yaml";
  std::string out;
};

Result<int> run_registers_export(const Context& context, const RegistersExportOptions& options) {
  auto session = open_session(context, Access::kReadOnly);
  if (!session) {
    return std::unexpected(session.error());
  }
  const app::RegistersFormat format = options.format == "xlsx"  ? app::RegistersFormat::kXlsx
                                      : options.format == "csv" ? app::RegistersFormat::kCsv
                                                                : app::RegistersFormat::kYaml;
  auto text = app::export_registers(*session, format, options.out);
  if (!text) {
    return std::unexpected(text.error());
  }
  return format == app::RegistersFormat::kXlsx ? kExitOk : write_or_print(*text, options.out);
}

Result<int> run_workspace_list(const Context& context) {
  auto session = open_session(context, Access::kReadOnly);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto registers = session->workspace().load_registers();
  if (!registers) {
    return std::unexpected(registers.error());
  }
  if (context.json) {
    Json entries = Json::array();
    for (const auto& entry : registers->entries) {
      entries.push_back(Json::parse(assess::canonical(entry)));
    }
    print_json(Json{{"format", "etguard.registers.list"},
                    {"format_version", "1.0"},
                    {"profile", Json::parse(assess::canonical(registers->profile))},
                    {"entries", entries}});
    return kExitOk;
  }
  const bool zh = context.lang == Lang::kZhTw;
  Table table({zh ? "對象" : "Object", zh ? "名稱" : "Name", zh ? "負責人" : "Owner",
               zh ? "事實" : "Facts"});
  for (const auto& entry : registers->entries) {
    std::vector<std::string> facts;
    for (const auto& [name, value] : entry.facts) {
      if (value) {
        facts.push_back(name);
      }
    }
    table.add({entry.key(), entry.name, entry.owner, fmt::format("{}", fmt::join(facts, ", "))});
  }
  print(table.render(terminal_width()));
  return kExitOk;
}

}  // namespace

Result<app::Session> open_session(const Context& context, Access access) {
  auto environment = app::terminal_environment(context.actor);
  if (!environment) {
    return std::unexpected(environment.error());
  }
  return app::Session::open(context.workspace, std::move(*environment), access);
}

void add_workspace_commands(CLI::App& app, Action& selected, const Help& help) {
  auto init_options = std::make_shared<InitOptions>();
  CLI::App* init =
      app.add_subcommand("init", help("Create an assessment workspace", "建立評估工作區"));
  init->add_option("dir", init_options->dir,
                   help("directory (default: the current one)", "目錄（預設為目前目錄）"));
  init->footer(help.footer(
      "Creates DIR/.etguard with the database, the evidence store and the ledger key (mode "
      "0600),\nor with the key on a PKCS#11 token (--key-uri), where it is generated "
      "non-extractable.",
      "建立 DIR/.etguard，內含資料庫、佐證資料庫及稽核帳本金鑰（權限 0600）；\n"
      "或將金鑰存於 PKCS#11 權杖（--key-uri），於權杖內產生且不可匯出。",
      "  etguard init\n"
      "  ETGUARD_PKCS11_PIN=... etguard init --key-uri \\\n"
      "    'pkcs11:token=etguard;object=ledger?module-path=/usr/lib/softhsm/libsofthsm2.so'"));
  init->add_option("--key-uri", init_options->key_uri,
                   help("keep the ledger key on a PKCS#11 token (HSM): RFC 7512 URI with "
                        "module-path and object;\nPIN from ETGUARD_PKCS11_PIN",
                        "將稽核帳本金鑰存於 PKCS#11 權杖（HSM）：含 module-path 與 object 之 "
                        "RFC 7512 URI；\nPIN 取自 ETGUARD_PKCS11_PIN"));
  init->callback([&selected, init_options] {
    selected = [init_options](const Context& context) { return run_init(context, *init_options); };
  });

  CLI::App* registers =
      app.add_subcommand("registers", help("The profile and registers", "組織概況與清冊"));
  registers->require_subcommand(1);
  auto import_options = std::make_shared<RegistersImportOptions>();
  CLI::App* import =
      registers->add_subcommand("import", help("Merge the profile and the registers a file names",
                                               "匯入組織概況及檔案所列之清冊（合併）"));
  import
      ->add_option("file", import_options->file,
                   help("registers .yaml, .xlsx or .csv (docs/registers.md)",
                        "清冊之 .yaml、.xlsx 或 .csv 檔（見 docs/registers.md）"))
      ->required();
  import->add_flag("--replace", import_options->how.replace,
                   help("replace every register, also those the file does not name",
                        "取代所有清冊，包括檔案未列者"));
  import->add_flag("--dry-run", import_options->how.dry_run,
                   help("list what would be added, changed and removed; change nothing",
                        "列出將新增、變更及移除之項目，不做任何變更"));
  import->add_flag("--force", import_options->how.force,
                   help("remove entries that results or evidence point at (both are kept)",
                        "移除有評估結果或佐證資料指向之項目（該等紀錄予以保留）"));
  import->footer(help.footer(
      "Only the registers the file names are replaced (a sheet or list present, even empty);\n"
      "the profile is the file's. A file with any problem changes nothing; every problem is\n"
      "listed with file:line:column.",
      "僅取代檔案所列之清冊（有該工作表或清單者，即使為空）；組織概況以檔案為準。\n"
      "檔案有任何問題時不做任何變更，並以 檔案:行:欄 列出每一問題。",
      "  etguard registers import examples/demo-firm/registers.yaml\n"
      "  etguard registers import 清冊.xlsx --dry-run\n"
      "  etguard registers import 清冊.xlsx"));
  import->callback([&selected, import_options] {
    selected = [import_options](const Context& context) {
      return run_registers_import(context, *import_options);
    };
  });
  auto export_options = std::make_shared<RegistersExportOptions>();
  CLI::App* exporter =
      registers->add_subcommand("export", help("Write profile and registers as YAML, XLSX or CSV",
                                               "以 YAML、XLSX 或 CSV 匯出組織概況與清冊"));
  exporter->add_option("--format", export_options->format, "yaml | xlsx | csv")
      ->check(CLI::IsMember({"yaml", "xlsx", "csv"}))
      ->capture_default_str();
  exporter->add_option("--out", export_options->out,
                       help("file to write atomically (default: stdout for yaml)",
                            "以不可分割方式寫入之檔案（yaml 預設為標準輸出）"));
  exporter->footer(help.footer(
      "XLSX: a 'profile' sheet and one sheet per register (columns id, name, owner, fact:*, "
      "detail:*,\ndate:*), for teams that keep these lists in spreadsheets; CSV: one row per "
      "field\n(register,id,name,owner,field,value), for exports from other systems. Import "
      "either back with\n'registers import'.",
      "XLSX：一張 'profile' 工作表及每一清冊一張工作表（欄位 id、name、owner、fact:*、"
      "detail:*、\ndate:*），供以試算表維護清冊之團隊使用；CSV：每一欄位一列\n"
      "（register,id,name,owner,field,value），供其他系統匯出使用。兩者皆可以\n"
      "'registers import' 匯回。",
      "  etguard registers export --format xlsx --out 清冊.xlsx"));
  exporter->callback([&selected, export_options] {
    selected = [export_options](const Context& context) {
      return run_registers_export(context, *export_options);
    };
  });
  add_registers_edit(*registers, app, selected, help);
  CLI::App* list = registers->add_subcommand("list", help("List register entries", "列出清冊項目"));
  list->callback([&selected] { selected = run_workspace_list; });
}

}  // namespace etguard::cli
