#include "workspace/workspace.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "assess/scope.h"
#include "catalog/data/embedded.h"
#include "core/atomic_file.h"
#include "core/text.h"
#include "store/sqlite_records.h"
#include "workspace/transaction.h"

namespace etguard::workspace {
namespace {

using Json = nlohmann::json;

std::string join_or(const std::vector<std::string>& items, std::string_view none) {
  return items.empty() ? std::string(none) : fmt::format("{}", fmt::join(items, ", "));
}

}  // namespace

Workspace::Workspace(store::WorkspacePaths paths, store::Database db,
                     std::optional<ledger::SigningKey> key, const Clock& clock)
    : paths_(std::move(paths)),
      db_(std::move(db)),
      key_(std::move(key)),
      clock_(&clock),
      records_(std::make_unique<store::SqliteRecords>(db_)) {
  // Until init records it, the key is the one just made.
  auto recorded = records_->setting("ledger.public_key");
  public_key_hex_ = recorded && !recorded->empty() ? *recorded
                    : key_                         ? key_->public_key_hex()
                                                   : std::string();
}

Workspace::Workspace(Workspace&& other) noexcept
    : paths_(std::move(other.paths_)),
      db_(std::move(other.db_)),
      key_(std::move(other.key_)),
      public_key_hex_(std::move(other.public_key_hex_)),
      clock_(other.clock_),
      records_(std::make_unique<store::SqliteRecords>(db_)) {}

Workspace::~Workspace() = default;

Result<Workspace> Workspace::create(const std::filesystem::path& dir, const std::string& actor,
                                    const std::string& key_uri, const Clock& clock,
                                    const Random& random) {
  auto paths = store::create_workspace_layout(dir);
  if (!paths) {
    return std::unexpected(paths.error());
  }
  auto key = key_uri.empty() ? ledger::SigningKey::generate(paths->signing_key(), random)
                             : ledger::SigningKey::from_token(key_uri);
  if (!key) {
    return std::unexpected(key.error());
  }
  if (!key_uri.empty()) {
    if (Status saved = write_file_atomically(paths->signing_key_uri(), key->token_uri() + "\n");
        !saved) {
      return std::unexpected(saved.error());
    }
  }
  auto db = store::open_database(*paths, true);
  if (!db) {
    return std::unexpected(db.error());
  }
  Workspace workspace(*paths, std::move(*db), std::move(*key), clock);
  auto initialised = workspace.in_transaction([&](ledger::Writer& writer) -> Status {
    const std::string& public_key = workspace.public_key_hex();
    if (Status stored = workspace.records_->set_setting("ledger.public_key", public_key); !stored) {
      return stored;
    }
    auto entry = writer.append(
        {actor, "workspace.init", "workspace", "", Json{{"public_key", public_key}}.dump()},
        clock.utc_now());
    return entry ? Status{} : Status{std::unexpected(entry.error())};
  });
  if (!initialised) {
    return std::unexpected(initialised.error());
  }
  return workspace;
}

namespace {

// The ledger key kept with the workspace: a key file, or a token named by URI.
Result<ledger::SigningKey> load_signing_key(const store::WorkspacePaths& paths) {
  std::error_code error;
  if (std::filesystem::exists(paths.signing_key_uri(), error)) {
    auto uri = read_file(paths.signing_key_uri());
    if (!uri) {
      return std::unexpected(uri.error());
    }
    return ledger::SigningKey::from_token(std::string(trim(*uri)));
  }
  return ledger::SigningKey::load(paths.signing_key());
}

}  // namespace

Result<Workspace> Workspace::open(const store::WorkspacePaths& paths, const Clock& clock,
                                  Access access) {
  std::optional<ledger::SigningKey> key;
  if (access == Access::kReadWrite) {
    auto loaded = load_signing_key(paths);
    if (!loaded) {
      return std::unexpected(loaded.error());
    }
    key = std::move(*loaded);
  }
  auto db = access == Access::kReadWrite ? store::open_database(paths, false)
                                         : store::open_database_read_only(paths);
  if (!db) {
    return std::unexpected(db.error());
  }
  return Workspace(paths, std::move(*db), std::move(key), clock);
}

Result<assess::Registers> Workspace::load_registers() {
  return records_->registers();
}

Status Workspace::for_each_register_entry(
    std::string_view subject, const std::function<void(assess::RegisterEntry&&)>& visit) {
  return records_->for_each_entry(subject, visit);
}

Result<ImportSummary> Workspace::import_registers(const assess::Registers& registers,
                                                  const std::string& actor,
                                                  const std::string& source) {
  return update_registers(
      [&registers](assess::Registers& current) -> Status {
        current = registers;
        return {};
      },
      actor, source);
}

ImportSummary diff_registers(const assess::Registers& before, const assess::Registers& after) {
  ImportSummary summary;
  const std::string old_profile =
      before.profile.name.empty() ? std::string() : canonical(before.profile);
  if (old_profile != canonical(after.profile)) {
    (old_profile.empty() ? summary.added : summary.changed).push_back("profile");
  }
  std::map<std::string, const assess::RegisterEntry*> old_entries;
  for (const auto& entry : before.entries) {
    old_entries[entry.key()] = &entry;
  }
  std::set<std::string> kept;
  for (const auto& entry : after.entries) {
    const std::string key = entry.key();
    kept.insert(key);
    const auto found = old_entries.find(key);
    if (found == old_entries.end()) {
      summary.added.push_back(key);
    } else if (canonical(*found->second) != canonical(entry)) {
      summary.changed.push_back(key);
    }
  }
  for (const auto& [key, entry] : old_entries) {
    if (!kept.contains(key)) {
      summary.removed.push_back(key);
    }
  }
  return summary;
}

Result<ImportSummary> Workspace::plan_registers(const RegistersChange& change) {
  auto before = records_->registers();
  if (!before) {
    return std::unexpected(before.error());
  }
  assess::Registers after = *before;
  if (Status changed = change(after); !changed) {
    return std::unexpected(changed.error());
  }
  return diff_registers(*before, after);
}

Result<ImportSummary> Workspace::update_registers(const RegistersChange& change,
                                                  const std::string& actor,
                                                  const std::string& source) {
  return in_transaction([&](ledger::Writer& writer) -> Result<ImportSummary> {
    // Read inside the transaction: a concurrent writer's change is either
    // before this one (and seen) or after it.
    auto before = records_->registers();
    if (!before) {
      return std::unexpected(before.error());
    }
    assess::Registers registers = *before;
    if (Status changed = change(registers); !changed) {
      return std::unexpected(changed.error());
    }
    ImportSummary summary = diff_registers(*before, registers);
    const std::string time = clock_->utc_now();
    auto record = [&](std::string action, const std::string& object, const std::string& old_state,
                      const std::string& new_state) -> Status {
      auto entry = writer.append({actor, std::move(action), object, old_state, new_state}, time);
      if (!entry) {
        return std::unexpected(entry.error());
      }
      ++summary.ledger_entries;
      return {};
    };
    std::map<std::string, const assess::RegisterEntry*> old_entries;
    for (const auto& entry : before->entries) {
      old_entries[entry.key()] = &entry;
    }
    std::map<std::string, const assess::RegisterEntry*> new_entries;
    for (const auto& entry : registers.entries) {
      new_entries[entry.key()] = &entry;
    }
    for (const auto* keys : {&summary.added, &summary.changed}) {
      for (const std::string& key : *keys) {
        if (key == "profile") {
          if (Status stored = records_->replace_profile(registers.profile); !stored) {
            return std::unexpected(stored.error());
          }
          const std::string old_profile =
              before->profile.name.empty() ? std::string() : canonical(before->profile);
          if (Status logged =
                  record("profile.set", "profile", old_profile, canonical(registers.profile));
              !logged) {
            return std::unexpected(logged.error());
          }
          continue;
        }
        const assess::RegisterEntry& entry = *new_entries.at(key);
        if (Status stored = records_->put_entry(entry); !stored) {
          return std::unexpected(stored.error());
        }
        const auto found = old_entries.find(key);
        const std::string old_state =
            found == old_entries.end() ? std::string() : canonical(*found->second);
        if (Status logged = record(old_state.empty() ? "register.add" : "register.change", key,
                                   old_state, canonical(entry));
            !logged) {
          return std::unexpected(logged.error());
        }
      }
    }
    for (const std::string& key : summary.removed) {
      const assess::RegisterEntry& entry = *old_entries.at(key);
      if (Status removed = records_->remove_entry(entry); !removed) {
        return std::unexpected(removed.error());
      }
      if (Status logged = record("register.remove", key, canonical(entry), ""); !logged) {
        return std::unexpected(logged.error());
      }
    }
    if (Status logged = record("import", source, "",
                               fmt::format("{} added, {} changed, {} removed", summary.added.size(),
                                           summary.changed.size(), summary.removed.size()));
        !logged) {
      return std::unexpected(logged.error());
    }
    return summary;
  });
}

Result<ScopeChange> Workspace::record_scope(const std::vector<std::string>& applicable,
                                            const std::string& actor) {
  return in_transaction([&](ledger::Writer& writer) -> Result<ScopeChange> {
    ScopeChange change;
    auto previous_text = records_->setting("scope.applicable");
    if (!previous_text) {
      return std::unexpected(previous_text.error());
    }
    change.first = previous_text->empty();
    const std::set<std::string> previous =
        change.first ? std::set<std::string>{}
                     : Json::parse(*previous_text).get<std::set<std::string>>();
    const std::set<std::string> current(applicable.begin(), applicable.end());
    std::ranges::set_difference(current, previous, std::back_inserter(change.came_in));
    std::ranges::set_difference(previous, current, std::back_inserter(change.went_out));
    if (!change.first && change.came_in.empty() && change.went_out.empty()) {
      return change;
    }
    const std::string state = Json(current).dump();
    if (Status stored = records_->set_setting("scope.applicable", state); !stored) {
      return std::unexpected(stored.error());
    }
    auto entry = writer.append(
        {actor, "scope.record", "scope", change.first ? std::string() : *previous_text, state},
        clock_->utc_now());
    if (!entry) {
      return std::unexpected(entry.error());
    }
    return change;
  });
}

Status Workspace::check_applies(const std::string& node_id, const std::string& object) {
  auto registers = load_registers();
  if (!registers) {
    return std::unexpected(registers.error());
  }
  return ScopeIndex(*registers, node_id).check(node_id, object);
}

void ScopeIndex::add(const assess::NodeScope& scope) {
  auto& objects = objects_[std::string(scope.node->id)];
  for (const assess::Applicability& candidate : scope.objects) {
    if (candidate.applies) {
      objects.push_back(candidate.object);
    }
  }
}

ScopeIndex::ScopeIndex(const assess::Registers& registers) {
  for (const assess::NodeScope& scope :
       assess::compute_scope(catalog::embedded_catalog(), registers)) {
    add(scope);
  }
}

ScopeIndex::ScopeIndex(const assess::Registers& registers, const std::string& node_id) {
  const auto& catalog = catalog::embedded_catalog();
  if (const catalog::Node* node = catalog.node(node_id); node != nullptr) {
    add(assess::scope_node(catalog, *node, registers));
  }
}

bool ScopeIndex::applies(const std::string& node_id, const std::string& object) const {
  const auto found = objects_.find(node_id);
  return found != objects_.end() && std::ranges::find(found->second, object) != found->second.end();
}

Status ScopeIndex::check(const std::string& node_id, const std::string& object) const {
  const auto& catalog = catalog::embedded_catalog();
  if (catalog.node(node_id) == nullptr) {
    return std::unexpected(catalog.unknown_id(node_id));
  }
  if (applies(node_id, object)) {
    return {};
  }
  const auto found = objects_.find(node_id);
  const std::vector<std::string> objects =
      found == objects_.end() ? std::vector<std::string>{} : found->second;
  return fail(
      ErrorKind::kUsage,
      fmt::format("{} does not apply to '{}' (it applies to: {}); see 'etguard scope --explain {}'",
                  node_id, object, join_or(objects, "nothing"), node_id),
      fmt::format("{} 不適用於 '{}'（適用對象：{}）；請見 'etguard scope --explain {}'", node_id,
                  object, join_or(objects, "無"), node_id));
}

Status Workspace::snapshot_database(const std::filesystem::path& out) {
  auto statement = db_.prepare("VACUUM INTO ?1");
  if (!statement) {
    return std::unexpected(statement.error());
  }
  if (Status run = statement->bind(1, out.string()).run(); !run) {
    return fail(
        ErrorKind::kIo,
        fmt::format("cannot copy the database to '{}': {}", out.string(), run.error().message),
        fmt::format("無法將資料庫複製至 '{}'：{}", out.string(), run.error().message));
  }
  return {};
}

}  // namespace etguard::workspace
