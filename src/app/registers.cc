#include "app/registers.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "assess/registers_yaml.h"
#include "catalog/data/embedded.h"
#include "core/problems.h"
#include "workspace/registers_sheet.h"

namespace etguard::app {
namespace {

// `imported`: the message says nothing was imported (a file), else changed (an edit).
Error problems_error(const std::string& what, const std::vector<Problem>& problems, bool imported) {
  std::string message = format_problems(problems);
  if (!message.empty() && message.back() == '\n') {
    message.pop_back();
  }
  return Error{ErrorKind::kInput,
               fmt::format("{} has {} problem(s); nothing was {}:\n{}", what, problems.size(),
                           imported ? "imported" : "changed", message),
               fmt::format("{} 有 {} 個問題，未{}任何資料：\n{}", what, problems.size(),
                           imported ? "匯入" : "變更", message)};
}

// Checks the edited registers by the registers-file rules.
Status validated(const assess::Registers& registers, const std::string& what) {
  const assess::RegistersRead read =
      assess::validate_registers(registers, what, catalog::embedded_catalog());
  if (!read.problems.empty()) {
    return std::unexpected(problems_error(what, read.problems, false));
  }
  return {};
}

Result<workspace::ImportSummary> edit(Session& session, const std::string& what,
                                      const std::function<Status(assess::Registers&)>& change) {
  return session.workspace().update_registers(
      [&](assess::Registers& registers) -> Status {
        if (Status changed = change(registers); !changed) {
          return changed;
        }
        return validated(registers, what);
      },
      session.actor(), "cli");
}

// The removed entries that results (other than not assessed) or evidence
// still point at.
Result<std::vector<std::string>> orphaned_by(Session& session,
                                             const std::vector<std::string>& removed) {
  std::vector<std::string> orphaned;
  if (removed.empty()) {
    return orphaned;
  }
  auto results = session.workspace().load_results();
  if (!results) {
    return std::unexpected(results.error());
  }
  auto evidence = session.workspace().load_evidence();
  if (!evidence) {
    return std::unexpected(evidence.error());
  }
  const std::set<std::string> gone(removed.begin(), removed.end());
  std::map<std::string, std::pair<int, int>> held;  // key -> results, evidence
  for (const assess::Result& result : *results) {
    if (gone.contains(result.object) && result.status != assess::ResultStatus::kNotAssessed) {
      ++held[result.object].first;
    }
  }
  for (const assess::Evidence& item : *evidence) {
    if (gone.contains(item.object)) {
      ++held[item.object].second;
    }
  }
  for (const auto& [key, counts] : held) {
    orphaned.push_back(
        fmt::format("{}: {} result(s), {} evidence", key, counts.first, counts.second));
  }
  return orphaned;
}

}  // namespace

Result<RegistersImported> import_registers_file(Session& session, const std::filesystem::path& file,
                                                const RegistersImportOptions& options) {
  const std::string extension = file.extension().string();
  const auto& catalog = catalog::embedded_catalog();
  const assess::RegistersRead read =
      extension == ".xlsx"  ? workspace::read_registers_xlsx(file, catalog)
      : extension == ".csv" ? workspace::read_registers_csv(file, catalog)
                            : assess::read_registers_yaml(file, catalog);
  if (!read.problems.empty()) {
    return std::unexpected(problems_error(file.string(), read.problems, true));
  }
  // The file's profile, and its registers (all of them with `replace`).
  const auto merge = [&](assess::Registers& registers) -> Status {
    registers.profile = read.registers.profile;
    std::erase_if(registers.entries, [&](const assess::RegisterEntry& entry) {
      return options.replace || read.registers_present.contains(entry.subject);
    });
    registers.entries.insert(registers.entries.end(), read.registers.entries.begin(),
                             read.registers.entries.end());
    std::ranges::sort(registers.entries, {},
                      [](const assess::RegisterEntry& e) { return e.key(); });
    return {};
  };
  if (options.dry_run) {
    auto plan = session.workspace().plan_registers(merge);
    if (!plan) {
      return std::unexpected(plan.error());
    }
    auto orphaned = orphaned_by(session, plan->removed);
    if (!orphaned) {
      return std::unexpected(orphaned.error());
    }
    return RegistersImported{std::move(*plan), std::move(*orphaned), true};
  }
  // The removals are checked inside the write transaction: what results or
  // evidence point at is judged on the records the import replaces.
  std::vector<std::string> orphaned;
  auto summary = session.workspace().update_registers(
      [&](assess::Registers& registers) -> Status {
        std::set<std::string> removed;
        for (const assess::RegisterEntry& entry : registers.entries) {
          removed.insert(entry.key());
        }
        if (Status merged = merge(registers); !merged) {
          return merged;
        }
        for (const assess::RegisterEntry& entry : registers.entries) {
          removed.erase(entry.key());
        }
        auto held = orphaned_by(session, {removed.begin(), removed.end()});
        if (!held) {
          return std::unexpected(held.error());
        }
        orphaned = std::move(*held);
        if (orphaned.empty() || options.force) {
          return {};
        }
        return fail(
            ErrorKind::kInput,
            fmt::format("{} would remove {} entr(ies) that results or evidence point at; "
                        "nothing was imported. Give --force to remove them (their results "
                        "and evidence are kept), or see --dry-run:\n  {}",
                        file.string(), orphaned.size(), fmt::join(orphaned, "\n  ")),
            fmt::format("{} 將移除 {} 個仍有評估結果或佐證的項目；未匯入任何資料。"
                        "以 --force 移除（其評估結果與佐證仍保留），或先以 --dry-run 檢視：\n  {}",
                        file.string(), orphaned.size(), fmt::join(orphaned, "\n  ")));
      },
      session.actor(), file.filename().string());
  if (!summary) {
    return std::unexpected(summary.error());
  }
  return RegistersImported{std::move(*summary), std::move(orphaned), false};
}

Result<workspace::ImportSummary> set_entry(Session& session, const EntryEdit& change) {
  const std::size_t slash = change.key.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == change.key.size()) {
    return fail(ErrorKind::kUsage,
                fmt::format("'{}': expected REGISTER/ID, e.g. cloud/aws-trading", change.key),
                fmt::format("'{}'：應為 清冊/代號，例如 cloud/aws-trading", change.key));
  }
  return edit(session, change.key, [&](assess::Registers& registers) -> Status {
    auto found = std::ranges::find_if(registers.entries, [&](const assess::RegisterEntry& entry) {
      return entry.key() == change.key;
    });
    if (found == registers.entries.end()) {
      if (!change.name || change.name->empty()) {
        return fail(ErrorKind::kUsage, fmt::format("{} is new: give its --name", change.key),
                    fmt::format("{} 為新項目：請以 --name 指定名稱", change.key));
      }
      assess::RegisterEntry entry;
      entry.subject = change.key.substr(0, slash);
      entry.id = change.key.substr(slash + 1);
      registers.entries.push_back(entry);
      found = std::prev(registers.entries.end());
    }
    if (change.name) {
      found->name = *change.name;
    }
    if (change.owner) {
      found->owner = *change.owner;
    }
    for (const auto& [fact, value] : change.facts) {
      found->facts[fact] = value;
    }
    for (const auto& [values, edits] :
         {std::pair{&found->details, &change.details}, std::pair{&found->dates, &change.dates}}) {
      for (const auto& [name, value] : *edits) {
        if (value.empty()) {
          values->erase(name);
        } else {
          (*values)[name] = value;
        }
      }
    }
    std::ranges::sort(registers.entries, {},
                      [](const assess::RegisterEntry& e) { return e.key(); });
    return {};
  });
}

Result<workspace::ImportSummary> remove_entry(Session& session, const std::string& key,
                                              bool force) {
  return edit(session, key, [&](assess::Registers& registers) -> Status {
    if (std::erase_if(registers.entries, [&](const assess::RegisterEntry& entry) {
          return entry.key() == key;
        }) == 0) {
      return fail(ErrorKind::kNotFound,
                  fmt::format("no register entry '{}'; see 'etguard registers list'", key),
                  fmt::format("沒有登錄項目 '{}'；請見 'etguard registers list'", key));
    }
    auto orphaned = orphaned_by(session, {key});
    if (!orphaned) {
      return std::unexpected(orphaned.error());
    }
    if (orphaned->empty() || force) {
      return {};
    }
    return fail(ErrorKind::kUsage,
                fmt::format("{} has results or evidence ({}); give --force to remove it (they "
                            "are kept)",
                            key, orphaned->front()),
                fmt::format("{} 仍有評估結果或佐證（{}）；以 --force 移除（紀錄會保留）", key,
                            orphaned->front()));
  });
}

Result<workspace::ImportSummary> set_profile(Session& session, const ProfileEdit& change) {
  return edit(session, "profile", [&](assess::Registers& registers) -> Status {
    assess::Profile& profile = registers.profile;
    if (change.name) {
      profile.name = *change.name;
    }
    if (change.sector && !assess::parse_sector(*change.sector, profile.sector)) {
      return fail(
          ErrorKind::kUsage,
          fmt::format("--sector '{}' is not securities, futures or investment_trust_advisory",
                      *change.sector),
          fmt::format("--sector '{}' 不是 securities、futures 或 investment_trust_advisory",
                      *change.sector));
    }
    for (const auto& [fact, value] : change.facts) {
      profile.facts[fact] = value;
    }
    return {};
  });
}

Result<std::string> export_registers(Session& session, RegistersFormat format,
                                     const std::filesystem::path& out) {
  auto registers = session.workspace().load_registers();
  if (!registers) {
    return std::unexpected(registers.error());
  }
  switch (format) {
    case RegistersFormat::kYaml:
      return assess::write_registers_yaml(*registers);
    case RegistersFormat::kCsv:
      return workspace::registers_csv(*registers);
    case RegistersFormat::kXlsx:
      if (out.empty()) {
        return fail(ErrorKind::kUsage, "--format xlsx needs --out FILE",
                    "--format xlsx 須指定 --out 檔案");
      }
      if (Status written =
              workspace::write_registers_xlsx(*registers, catalog::embedded_catalog(), out);
          !written) {
        return std::unexpected(written.error());
      }
      return std::string();
  }
  return std::string();
}

}  // namespace etguard::app
