// etguard registers set | remove, etguard profile set: editing from the CLI.
// The edit goes to app::set_entry and friends, which check it by the
// registers-file rules (docs/registers.md) and record it like an import.
#include <fmt/format.h>

#include "app/registers.h"
#include "cli/command.h"
#include "cli/open_workspace.h"

namespace etguard::cli {
namespace {

struct EditOptions {
  std::string key;  // "cloud/aws-trading"
  std::string name;
  std::string owner;
  std::string sector;
  std::vector<std::string> facts;    // "material=true"
  std::vector<std::string> details;  // "provider=AWS"
  std::vector<std::string> dates;    // "contract_start=2026-01-01"
  bool force = false;
};

Result<std::pair<std::string, std::string>> split_assignment(const std::string& text,
                                                             std::string_view option) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0) {
    return usage_error(fmt::format("{} '{}': expected NAME=VALUE", option, text),
                       fmt::format("{} '{}'：應為 名稱=值", option, text));
  }
  return std::pair{text.substr(0, equals), text.substr(equals + 1)};
}

// "--fact NAME=true|false" options as facts.
Result<std::map<std::string, bool>> parse_facts(const std::vector<std::string>& options) {
  std::map<std::string, bool> facts;
  for (const std::string& fact : options) {
    auto assignment = split_assignment(fact, "--fact");
    if (!assignment) {
      return std::unexpected(assignment.error());
    }
    if (assignment->second != "true" && assignment->second != "false") {
      return usage_error(fmt::format("--fact {}: the value must be true or false", fact),
                         fmt::format("--fact {}：值須為 true 或 false", fact));
    }
    facts[assignment->first] = assignment->second == "true";
  }
  return facts;
}

// "--detail/--date NAME=VALUE" options; an empty value removes NAME.
Result<std::map<std::string, std::string>> parse_values(const std::vector<std::string>& options,
                                                        std::string_view option) {
  std::map<std::string, std::string> values;
  for (const std::string& text : options) {
    auto assignment = split_assignment(text, option);
    if (!assignment) {
      return std::unexpected(assignment.error());
    }
    values[assignment->first] = assignment->second;
  }
  return values;
}

std::optional<std::string> given(const std::string& value) {
  return value.empty() ? std::nullopt : std::optional(value);
}

// Runs the edit on the workspace and says what changed.
Result<int> apply(const Context& context, const std::string& what,
                  const std::function<Result<workspace::ImportSummary>(app::Session&)>& edit) {
  auto session = open_session(context);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto summary = edit(*session);
  if (!summary) {
    return std::unexpected(summary.error());
  }
  print(fmt::format(
      fmt::runtime(context.lang == Lang::kZhTw ? "{}：新增 {}、變更 {}、移除 {}\n"
                                               : "{}: {} added, {} changed, {} removed\n"),
      what, summary->added.size(), summary->changed.size(), summary->removed.size()));
  return kExitOk;
}

Result<int> run_registers_set(const Context& context, const EditOptions& options) {
  auto facts = parse_facts(options.facts);
  auto details = parse_values(options.details, "--detail");
  auto dates = parse_values(options.dates, "--date");
  if (!facts || !details || !dates) {
    return std::unexpected(!facts ? facts.error() : !details ? details.error() : dates.error());
  }
  const app::EntryEdit edit{options.key,       given(options.name), given(options.owner),
                            std::move(*facts), std::move(*details), std::move(*dates)};
  return apply(context, options.key,
               [&edit](app::Session& session) { return app::set_entry(session, edit); });
}

Result<int> run_remove(const Context& context, const EditOptions& options) {
  return apply(context, options.key, [&options](app::Session& session) {
    return app::remove_entry(session, options.key, options.force);
  });
}

Result<int> run_profile(const Context& context, const EditOptions& options) {
  auto facts = parse_facts(options.facts);
  if (!facts) {
    return std::unexpected(facts.error());
  }
  const app::ProfileEdit edit{given(options.name), given(options.sector), std::move(*facts)};
  return apply(context, "profile",
               [&edit](app::Session& session) { return app::set_profile(session, edit); });
}

}  // namespace

void add_registers_edit(CLI::App& registers, CLI::App& app, Action& selected, const Help& help) {
  auto options = std::make_shared<EditOptions>();
  CLI::App* set = registers.add_subcommand(
      "set", help("Add or change one register entry", "新增或修改一筆清冊項目"));
  set->add_option("key", options->key,
                  help("REGISTER/ID, e.g. cloud/aws-trading", "清冊/編號，例如 cloud/aws-trading"))
      ->required();
  set->add_option("--name", options->name,
                  help("name (required for a new entry)", "名稱（新增項目時必填）"));
  set->add_option("--owner", options->owner, help("owner", "負責人"));
  set->add_option(
      "--fact", options->facts,
      help("FACT=true|false (without the register prefix)", "事實=true|false（不含清冊前綴）"));
  set->add_option("--detail", options->details,
                  help("NAME=VALUE (empty value removes it)", "名稱=值（值為空白時移除）"));
  set->add_option(
      "--date", options->dates,
      help("NAME=YYYY-MM-DD (empty value removes it)", "名稱=YYYY-MM-DD（值為空白時移除）"));
  set->footer(help.footer(
      "The change is checked with the registers-file rules and recorded in the ledger like an "
      "import.",
      "變更依清冊檔之規則檢查，並如同匯入一般記入稽核帳本。",
      "  etguard registers set cloud/aws-trading --name 'AWS 交易備援' --fact material=true\n"
      "  etguard registers set mobile_app/trade --date last_lab_test=2026-10-01"));
  set->callback([&selected, options] {
    selected = [options](const Context& context) { return run_registers_set(context, *options); };
  });
  CLI::App* remove =
      registers.add_subcommand("remove", help("Remove one register entry", "移除一筆清冊項目"));
  remove->add_option("key", options->key, help("REGISTER/ID", "清冊/編號"))->required();
  remove->add_flag("--force", options->force,
                   help("remove it although results or evidence point at it (they are kept)",
                        "即使有評估結果或佐證資料指向該項目仍移除（該等紀錄予以保留）"));
  remove->callback([&selected, options] {
    selected = [options](const Context& context) { return run_remove(context, *options); };
  });
  CLI::App* profile = app.add_subcommand("profile", help("The organization profile", "組織概況"));
  profile->require_subcommand(1);
  CLI::App* profile_set =
      profile->add_subcommand("set", help("Change the profile", "修改組織概況"));
  profile_set->add_option("--name", options->name, help("the firm's name", "公司名稱"));
  profile_set->add_option("--sector", options->sector,
                          help("securities | futures | investment_trust_advisory",
                               "securities（證券）| futures（期貨）| "
                               "investment_trust_advisory（投信投顧）"));
  profile_set->add_option("--fact", options->facts,
                          help("org.FACT=true|false", "org.事實=true|false"));
  profile_set->footer(
      help.footer({}, {}, "  etguard profile set --fact org.foreign_subsidiary=true"));
  profile_set->callback([&selected, options] {
    selected = [options](const Context& context) { return run_profile(context, *options); };
  });
}

}  // namespace etguard::cli
