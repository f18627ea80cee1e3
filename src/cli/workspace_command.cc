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
  Table table({zh ? "物件" : "Object", zh ? "名稱" : "Name", zh ? "負責人" : "Owner",
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

void add_workspace_commands(CLI::App& app, Action& selected) {
  auto init_options = std::make_shared<InitOptions>();
  CLI::App* init = app.add_subcommand("init", "Create an assessment workspace / 建立工作區");
  init->add_option("dir", init_options->dir, "directory (default: the current one)");
  init->footer(
      "Creates DIR/.etguard with the database, the evidence store and the ledger key (mode 0600),\n"
      "or with the key on a PKCS#11 token (--key-uri), where it is generated non-extractable.\n\n"
      "Examples:\n  etguard init\n"
      "  ETGUARD_PKCS11_PIN=... etguard init --key-uri \\\n"
      "    'pkcs11:token=etguard;object=ledger?module-path=/usr/lib/softhsm/libsofthsm2.so'");
  init->add_option(
      "--key-uri", init_options->key_uri,
      "keep the ledger key on a PKCS#11 token (HSM): RFC 7512 URI with module-path and object;\n"
      "PIN from ETGUARD_PKCS11_PIN");
  init->callback([&selected, init_options] {
    selected = [init_options](const Context& context) { return run_init(context, *init_options); };
  });

  CLI::App* registers =
      app.add_subcommand("registers", "The profile and registers / 組織概況與清冊");
  registers->require_subcommand(1);
  auto import_options = std::make_shared<RegistersImportOptions>();
  CLI::App* import = registers->add_subcommand(
      "import", "Merge the profile and the registers a file names / 匯入");
  import
      ->add_option("file", import_options->file,
                   "registers .yaml, .xlsx or .csv (docs/registers.md)")
      ->required();
  import->add_flag("--replace", import_options->how.replace,
                   "replace every register, also those the file does not name");
  import->add_flag("--dry-run", import_options->how.dry_run,
                   "list what would be added, changed and removed; change nothing");
  import->add_flag("--force", import_options->how.force,
                   "remove entries that results or evidence point at (both are kept)");
  import->footer(
      "Only the registers the file names are replaced (a sheet or list present, even empty);\n"
      "the profile is the file's. A file with any problem changes nothing; every problem is\n"
      "listed with file:line:column.\n\n"
      "Examples:\n  etguard registers import examples/demo-firm/registers.yaml\n"
      "  etguard registers import 清冊.xlsx --dry-run  # what would change\n"
      "  etguard registers import 清冊.xlsx            # problems named by sheet and row");
  import->callback([&selected, import_options] {
    selected = [import_options](const Context& context) {
      return run_registers_import(context, *import_options);
    };
  });
  auto export_options = std::make_shared<RegistersExportOptions>();
  CLI::App* exporter =
      registers->add_subcommand("export", "Write profile and registers as YAML or XLSX / 匯出");
  exporter->add_option("--format", export_options->format, "yaml | xlsx | csv")
      ->check(CLI::IsMember({"yaml", "xlsx", "csv"}))
      ->capture_default_str();
  exporter->add_option("--out", export_options->out,
                       "file to write atomically (default: stdout for yaml)");
  exporter->footer(
      "XLSX: a 'profile' sheet and one sheet per register (columns id, name, owner, fact:*, "
      "detail:*,\n"
      "date:*), for teams that keep these lists in spreadsheets; CSV: one row per field\n"
      "(register,id,name,owner,field,value), for exports from other systems. Import either back "
      "with\n"
      "'registers import'.");
  exporter->callback([&selected, export_options] {
    selected = [export_options](const Context& context) {
      return run_registers_export(context, *export_options);
    };
  });
  add_registers_edit(*registers, app, selected);
  CLI::App* list = registers->add_subcommand("list", "List register entries / 列出清冊");
  list->callback([&selected] { selected = run_workspace_list; });
}

}  // namespace etguard::cli
