// etguard registers set | remove, etguard profile set: editing from the CLI.
// An edit is applied to the current registers, written out and read back
// through the registers-file rules (docs/registers.md), then recorded like an
// import: the same validation and the same ledger entries, whichever way the
// change came.
#include <fmt/format.h>
#include <unistd.h>

#include "assess/registers_yaml.h"
#include "catalog/data/embedded.h"
#include "cli/command.h"
#include "cli/open_workspace.h"
#include "core/atomic_file.h"
#include "core/problems.h"

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

// Applies "--fact NAME=true|false" options to `facts`.
Status set_facts(const std::vector<std::string>& options, std::map<std::string, bool>& facts) {
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
  return {};
}

// Applies "--detail/--date NAME=VALUE" options; an empty value removes NAME.
Status set_values(const std::vector<std::string>& options, std::string_view option,
                  std::map<std::string, std::string>& values) {
  for (const std::string& text : options) {
    auto assignment = split_assignment(text, option);
    if (!assignment) {
      return std::unexpected(assignment.error());
    }
    if (assignment->second.empty()) {
      values.erase(assignment->first);
    } else {
      values[assignment->first] = assignment->second;
    }
  }
  return {};
}

// The workspace and its current registers, which an edit starts from.
struct EditTarget {
  workspace::Workspace workspace;
  assess::Registers registers;
};

Result<EditTarget> load_for_edit(const Context& context) {
  auto workspace = open_workspace(context);
  if (!workspace) {
    return std::unexpected(workspace.error());
  }
  auto registers = workspace->load_registers();
  if (!registers) {
    return std::unexpected(registers.error());
  }
  return EditTarget{std::move(*workspace), std::move(*registers)};
}

// Validates `registers` with the registers-file rules and records them.
Result<int> apply(const Context& context, workspace::Workspace& workspace,
                  const assess::Registers& registers, const std::string& what) {
  const auto scratch =
      std::filesystem::temp_directory_path() / fmt::format("etguard-edit-{}.yaml", ::getpid());
  if (Status written = write_file_atomically(scratch, assess::write_registers_yaml(registers));
      !written) {
    return std::unexpected(written.error());
  }
  const assess::RegistersRead read =
      assess::read_registers_yaml(scratch, catalog::embedded_catalog());
  std::filesystem::remove(scratch);
  if (!read.problems.empty()) {
    std::vector<std::string> messages;
    messages.reserve(read.problems.size());
    for (const Problem& problem : read.problems) {
      messages.push_back(fmt::format("{}: {}", problem.code, problem.message));
    }
    return fail(ErrorKind::kUsage,
                fmt::format("{}: {}; nothing was changed", what, fmt::join(messages, "; ")),
                fmt::format("{}：{}；未變更任何資料", what, fmt::join(messages, "；")));
  }
  auto summary = workspace.import_registers(read.registers, workspace::current_actor(), "cli");
  if (!summary) {
    return std::unexpected(summary.error());
  }
  print(fmt::format(
      fmt::runtime(context.lang == Lang::kZhTw ? "{}：新增 {}、變更 {}、移除 {}\n"
                                               : "{}: {} added, {} changed, {} removed\n"),
      what, summary->added.size(), summary->changed.size(), summary->removed.size()));
  return kExitOk;
}

Result<int> run_set(const Context& context, const EditOptions& options) {
  const std::size_t slash = options.key.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == options.key.size()) {
    return usage_error(
        fmt::format("'{}': expected REGISTER/ID, e.g. cloud/aws-trading", options.key),
        fmt::format("'{}'：應為 清冊/代號，例如 cloud/aws-trading", options.key));
  }
  auto target = load_for_edit(context);
  if (!target) {
    return std::unexpected(target.error());
  }
  assess::Registers* registers = &target->registers;
  const std::string subject = options.key.substr(0, slash);
  const std::string id = options.key.substr(slash + 1);
  auto found = std::ranges::find_if(registers->entries, [&](const assess::RegisterEntry& entry) {
    return entry.subject == subject && entry.id == id;
  });
  if (found == registers->entries.end()) {
    if (options.name.empty()) {
      return usage_error(fmt::format("{} is new: give its --name", options.key),
                         fmt::format("{} 為新項目：請以 --name 指定名稱", options.key));
    }
    assess::RegisterEntry entry;
    entry.subject = subject;
    entry.id = id;
    registers->entries.push_back(entry);
    found = std::prev(registers->entries.end());
  }
  if (!options.name.empty()) {
    found->name = options.name;
  }
  if (!options.owner.empty()) {
    found->owner = options.owner;
  }
  for (Status applied : {set_facts(options.facts, found->facts),
                         set_values(options.details, "--detail", found->details),
                         set_values(options.dates, "--date", found->dates)}) {
    if (!applied) {
      return std::unexpected(applied.error());
    }
  }
  return apply(context, target->workspace, *registers, options.key);
}

Result<int> run_remove(const Context& context, const EditOptions& options) {
  auto target = load_for_edit(context);
  if (!target) {
    return std::unexpected(target.error());
  }
  const auto removed =
      std::erase_if(target->registers.entries,
                    [&](const assess::RegisterEntry& entry) { return entry.key() == options.key; });
  if (removed == 0) {
    return fail(ErrorKind::kNotFound,
                fmt::format("no register entry '{}'; see 'etguard registers list'", options.key),
                fmt::format("沒有登錄項目 '{}'；請見 'etguard registers list'", options.key));
  }
  return apply(context, target->workspace, target->registers, options.key);
}

Result<int> run_profile(const Context& context, const EditOptions& options) {
  auto target = load_for_edit(context);
  if (!target) {
    return std::unexpected(target.error());
  }
  assess::Profile& profile = target->registers.profile;
  if (!options.name.empty()) {
    profile.name = options.name;
  }
  if (!options.sector.empty() && !assess::parse_sector(options.sector, profile.sector)) {
    return usage_error(
        fmt::format("--sector '{}' is not securities, futures or investment_trust_advisory",
                    options.sector),
        fmt::format("--sector '{}' 不是 securities、futures 或 investment_trust_advisory",
                    options.sector));
  }
  if (Status applied = set_facts(options.facts, profile.facts); !applied) {
    return std::unexpected(applied.error());
  }
  return apply(context, target->workspace, target->registers, "profile");
}

}  // namespace

void add_registers_edit(CLI::App& registers, CLI::App& app, Action& selected) {
  auto options = std::make_shared<EditOptions>();
  CLI::App* set =
      registers.add_subcommand("set", "Add or change one register entry / 新增或修改清冊項目");
  set->add_option("key", options->key, "REGISTER/ID, e.g. cloud/aws-trading")->required();
  set->add_option("--name", options->name, "name (required for a new entry)");
  set->add_option("--owner", options->owner, "owner");
  set->add_option("--fact", options->facts, "FACT=true|false (without the register prefix)");
  set->add_option("--detail", options->details, "NAME=VALUE (empty value removes it)");
  set->add_option("--date", options->dates, "NAME=YYYY-MM-DD (empty value removes it)");
  set->footer(
      "The change is checked with the registers-file rules and recorded in the ledger like an "
      "import.\n\n"
      "Examples:\n  etguard registers set cloud/aws-trading --name 'AWS 交易備援' --fact "
      "material=true\n"
      "  etguard registers set mobile_app/trade --date last_lab_test=2026-10-01");
  set->callback([&selected, options] {
    selected = [options](const Context& context) { return run_set(context, *options); };
  });
  CLI::App* remove = registers.add_subcommand("remove", "Remove one register entry / 移除清冊項目");
  remove->add_option("key", options->key, "REGISTER/ID")->required();
  remove->callback([&selected, options] {
    selected = [options](const Context& context) { return run_remove(context, *options); };
  });
  CLI::App* profile = app.add_subcommand("profile", "The organization profile / 組織概況");
  profile->require_subcommand(1);
  CLI::App* profile_set = profile->add_subcommand("set", "Change the profile");
  profile_set->add_option("--name", options->name, "the firm's name");
  profile_set->add_option("--sector", options->sector,
                          "securities | futures | investment_trust_advisory");
  profile_set->add_option("--fact", options->facts, "org.FACT=true|false");
  profile_set->footer("Example:\n  etguard profile set --fact org.foreign_subsidiary=true");
  profile_set->callback([&selected, options] {
    selected = [options](const Context& context) { return run_profile(context, *options); };
  });
}

}  // namespace etguard::cli
