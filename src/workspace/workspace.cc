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
#include "core/clock.h"
#include "core/digest.h"
#include "core/text.h"

namespace etguard::workspace {
namespace {

using Json = nlohmann::json;

// Runs `body` in one transaction with a ledger writer, checkpoints, commits.
template <typename Body>
auto in_transaction(store::Database& db, const ledger::SigningKey& key, Body body)
    -> decltype(body(std::declval<ledger::Writer&>())) {
  auto transaction = store::Transaction::begin(db);
  if (!transaction) {
    return std::unexpected(transaction.error());
  }
  auto writer = ledger::Writer::open(db, key);
  if (!writer) {
    return std::unexpected(writer.error());
  }
  auto result = body(*writer);
  if (!result) {
    return result;  // the transaction rolls back
  }
  if (Status signed_now = writer->checkpoint(utc_now()); !signed_now) {
    return std::unexpected(signed_now.error());
  }
  if (Status committed = transaction->commit(); !committed) {
    return std::unexpected(committed.error());
  }
  return result;
}

Status set_setting(store::Database& db, std::string_view key, std::string_view value) {
  auto statement = db.prepare(
      "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = "
      "excluded.value");
  if (!statement) {
    return std::unexpected(statement.error());
  }
  return statement->bind(1, key).bind(2, value).run();
}

Result<std::string> get_setting(store::Database& db, std::string_view key) {
  auto statement = db.prepare("SELECT value FROM settings WHERE key = ?");
  if (!statement) {
    return std::unexpected(statement.error());
  }
  statement->bind(1, key);
  auto row = statement->step();
  if (!row) {
    return std::unexpected(row.error());
  }
  return *row ? statement->text(0) : std::string();
}

std::map<std::string, bool> parse_facts(const std::string& text) {
  return Json::parse(text).get<std::map<std::string, bool>>();
}

}  // namespace

std::string current_actor() {
  for (const char* name : {"ETGUARD_ACTOR", "USER"}) {
    if (const char* value = std::getenv(name); value != nullptr && *value != '\0') {
      return value;
    }
  }
  return "unknown";
}

Result<Workspace> Workspace::create(const std::filesystem::path& dir, const std::string& actor,
                                    const std::string& key_uri) {
  auto paths = store::create_workspace_layout(dir);
  if (!paths) {
    return std::unexpected(paths.error());
  }
  auto key = key_uri.empty() ? ledger::SigningKey::generate(paths->signing_key())
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
  Workspace workspace(*paths, std::move(*db), std::move(*key));
  auto initialised =
      in_transaction(workspace.db_, workspace.key_, [&](ledger::Writer& writer) -> Status {
        if (Status stored =
                set_setting(workspace.db_, "ledger.public_key", workspace.key_.public_key_hex());
            !stored) {
          return stored;
        }
        auto entry = writer.append({actor, "workspace.init", "workspace", "",
                                    Json{{"public_key", workspace.key_.public_key_hex()}}.dump()},
                                   utc_now());
        return entry ? Status{} : Status{std::unexpected(entry.error())};
      });
  if (!initialised) {
    return std::unexpected(initialised.error());
  }
  return workspace;
}

Result<Workspace> Workspace::open(const store::WorkspacePaths& paths) {
  std::error_code error;
  auto key = std::filesystem::exists(paths.signing_key_uri(), error)
                 ? ledger::SigningKey::from_token(
                       std::string(trim(read_file(paths.signing_key_uri()).value_or(""))))
                 : ledger::SigningKey::load(paths.signing_key());
  if (!key) {
    return std::unexpected(key.error());
  }
  auto db = store::open_database(paths, false);
  if (!db) {
    return std::unexpected(db.error());
  }
  return Workspace(paths, std::move(*db), std::move(*key));
}

Result<assess::Registers> Workspace::load_registers() {
  assess::Registers registers;
  auto profile = db_.prepare("SELECT key, value FROM profile");
  if (!profile) {
    return std::unexpected(profile.error());
  }
  if (Status read = profile->for_each_row([&] {
        const std::string key = profile->text(0);
        const std::string value = profile->text(1);
        if (key == "name") {
          registers.profile.name = value;
        } else if (key == "sector") {
          assess::parse_sector(value, registers.profile.sector);
        } else if (key == "facts") {
          registers.profile.facts = parse_facts(value);
        }
      });
      !read) {
    return std::unexpected(read.error());
  }
  auto entries = db_.prepare(
      "SELECT subject, id, name, owner, facts, details, dates FROM register_entries ORDER BY "
      "subject, id");
  if (!entries) {
    return std::unexpected(entries.error());
  }
  if (Status read = entries->for_each_row([&] {
        assess::RegisterEntry entry;
        entry.subject = entries->text(0);
        entry.id = entries->text(1);
        entry.name = entries->text(2);
        entry.owner = entries->text(3);
        entry.facts = parse_facts(entries->text(4));
        entry.details = Json::parse(entries->text(5)).get<std::map<std::string, std::string>>();
        entry.dates = Json::parse(entries->text(6)).get<std::map<std::string, std::string>>();
        registers.entries.push_back(std::move(entry));
      });
      !read) {
    return std::unexpected(read.error());
  }
  return registers;
}

Result<ImportSummary> Workspace::import_registers(const assess::Registers& registers,
                                                  const std::string& actor,
                                                  const std::string& source) {
  auto before = load_registers();
  if (!before) {
    return std::unexpected(before.error());
  }
  return in_transaction(db_, key_, [&](ledger::Writer& writer) -> Result<ImportSummary> {
    ImportSummary summary;
    const std::string time = utc_now();
    auto record = [&](std::string action, const std::string& object, const std::string& old_state,
                      const std::string& new_state) -> Status {
      auto entry = writer.append({actor, std::move(action), object, old_state, new_state}, time);
      if (!entry) {
        return std::unexpected(entry.error());
      }
      ++summary.ledger_entries;
      return {};
    };
    // The profile.
    const std::string old_profile =
        before->profile.name.empty() ? std::string() : canonical(before->profile);
    const std::string new_profile = canonical(registers.profile);
    if (old_profile != new_profile) {
      if (Status cleared = db_.exec("DELETE FROM profile"); !cleared) {
        return std::unexpected(cleared.error());
      }
      auto insert = db_.prepare("INSERT INTO profile (key, value) VALUES (?, ?)");
      if (!insert) {
        return std::unexpected(insert.error());
      }
      for (const auto& [key, value] :
           {std::pair<std::string, std::string>{"name", registers.profile.name},
            {"sector", std::string(to_string(registers.profile.sector))},
            {"facts", Json(registers.profile.facts).dump()}}) {
        if (Status stored = insert->bind(1, key).bind(2, value).run(); !stored) {
          return std::unexpected(stored.error());
        }
      }
      (old_profile.empty() ? summary.added : summary.changed).push_back("profile");
      if (Status logged = record("profile.set", "profile", old_profile, new_profile); !logged) {
        return std::unexpected(logged.error());
      }
    }
    // The registers, entry by entry.
    std::map<std::string, const assess::RegisterEntry*> old_entries;
    for (const auto& entry : before->entries) {
      old_entries[entry.key()] = &entry;
    }
    auto upsert = db_.prepare(
        "INSERT INTO register_entries (subject, id, name, owner, facts, details, dates) VALUES (?, "
        "?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(subject, id) DO UPDATE SET name = excluded.name, owner = excluded.owner, "
        "facts = excluded.facts, details = excluded.details, dates = excluded.dates");
    auto remove = db_.prepare("DELETE FROM register_entries WHERE subject = ? AND id = ?");
    if (!upsert || !remove) {
      return std::unexpected(!upsert ? upsert.error() : remove.error());
    }
    std::set<std::string> kept;
    for (const auto& entry : registers.entries) {
      kept.insert(entry.key());
      const auto found = old_entries.find(entry.key());
      const std::string old_state =
          found == old_entries.end() ? std::string() : canonical(*found->second);
      const std::string new_state = canonical(entry);
      if (old_state == new_state) {
        continue;
      }
      Status stored = upsert->bind(1, entry.subject)
                          .bind(2, entry.id)
                          .bind(3, entry.name)
                          .bind(4, entry.owner)
                          .bind(5, Json(entry.facts).dump())
                          .bind(6, Json(entry.details).dump())
                          .bind(7, Json(entry.dates).dump())
                          .run();
      if (!stored) {
        return std::unexpected(stored.error());
      }
      (old_state.empty() ? summary.added : summary.changed).push_back(entry.key());
      if (Status logged = record(old_state.empty() ? "register.add" : "register.change",
                                 entry.key(), old_state, new_state);
          !logged) {
        return std::unexpected(logged.error());
      }
    }
    for (const auto& [key, entry] : old_entries) {
      if (kept.contains(key)) {
        continue;
      }
      if (Status removed = remove->bind(1, entry->subject).bind(2, entry->id).run(); !removed) {
        return std::unexpected(removed.error());
      }
      summary.removed.push_back(key);
      if (Status logged = record("register.remove", key, canonical(*entry), ""); !logged) {
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
  return in_transaction(db_, key_, [&](ledger::Writer& writer) -> Result<ScopeChange> {
    ScopeChange change;
    auto previous_text = get_setting(db_, "scope.applicable");
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
    if (Status stored = set_setting(db_, "scope.applicable", state); !stored) {
      return std::unexpected(stored.error());
    }
    auto entry = writer.append(
        {actor, "scope.record", "scope", change.first ? std::string() : *previous_text, state},
        utc_now());
    if (!entry) {
      return std::unexpected(entry.error());
    }
    return change;
  });
}

Status Workspace::check_applies(const std::string& node_id, const std::string& object) {
  const auto& catalog = catalog::embedded_catalog();
  if (catalog.node(node_id) == nullptr) {
    return std::unexpected(catalog.unknown_id(node_id));
  }
  auto registers = load_registers();
  if (!registers) {
    return std::unexpected(registers.error());
  }
  bool applies = false;
  std::vector<std::string> objects;
  for (const auto& candidate :
       assess::scope_node(catalog, *catalog.node(node_id), *registers).objects) {
    if (candidate.applies) {
      objects.push_back(candidate.object);
      applies = applies || candidate.object == object;
    }
  }
  if (!applies) {
    return fail(
        ErrorKind::kUsage,
        fmt::format(
            "{} does not apply to '{}' (it applies to: {}); see 'etguard scope --explain {}'",
            node_id, object,
            objects.empty() ? "nothing" : fmt::format("{}", fmt::join(objects, ", ")), node_id),
        fmt::format("{} 不適用於 '{}'（適用對象：{}）；請見 'etguard scope --explain {}'", node_id,
                    object, objects.empty() ? "無" : fmt::format("{}", fmt::join(objects, ", ")),
                    node_id));
  }
  return {};
}

Status Workspace::validate_result(const assess::Result& result) {
  if (Status applies = check_applies(result.node_id, result.object); !applies) {
    return applies;
  }
  if (result.status == assess::ResultStatus::kNotApplicable && result.justification.empty()) {
    return fail(ErrorKind::kUsage, "a not-applicable result needs --justification",
                "不適用須填寫 --justification 理由");
  }
  if (result.status == assess::ResultStatus::kCompensating && result.note.empty()) {
    return fail(ErrorKind::kUsage, "a compensating control needs its description in --note",
                "補償性措施須以 --note 說明");
  }
  return {};
}

Status Workspace::store_result(ledger::Writer& writer, const assess::Result& result,
                               const std::string& actor) {
  const std::string key = result.node_id + " " + result.object;
  auto before = db_.prepare(
      "SELECT status, owner, note, justification, coalesce(due_date,''), "
      "coalesce(assessed_on,'') FROM results WHERE node_id = ? AND object = ?");
  if (!before) {
    return std::unexpected(before.error());
  }
  before->bind(1, result.node_id).bind(2, result.object);
  std::string old_state;
  if (auto row = before->step(); row && *row) {
    old_state = Json{{"status", before->text(0)},   {"owner", before->text(1)},
                     {"note", before->text(2)},     {"justification", before->text(3)},
                     {"due_date", before->text(4)}, {"assessed_on", before->text(5)}}
                    .dump();
  }
  const std::string new_state = Json{
      {"status", assess::to_string(result.status)},
      {"owner", result.owner},
      {"note", result.note},
      {"justification", result.justification},
      {"due_date", result.due_date},
      {"assessed_on",
       result.assessed_on}}.dump();
  if (new_state == old_state) {
    return {};  // unchanged: nothing to record
  }
  auto upsert = db_.prepare(
      "INSERT INTO results (node_id, object, status, owner, note, justification, due_date, "
      "assessed_on, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, nullif(?, ''), nullif(?, ''), ?) ON CONFLICT(node_id, object) "
      "DO UPDATE SET "
      "status = excluded.status, owner = excluded.owner, note = excluded.note, justification = "
      "excluded.justification, "
      "due_date = excluded.due_date, assessed_on = excluded.assessed_on, updated_at = "
      "excluded.updated_at");
  if (!upsert) {
    return std::unexpected(upsert.error());
  }
  const std::string time = utc_now();
  Status stored = upsert->bind(1, result.node_id)
                      .bind(2, result.object)
                      .bind(3, assess::to_string(result.status))
                      .bind(4, result.owner)
                      .bind(5, result.note)
                      .bind(6, result.justification)
                      .bind(7, result.due_date)
                      .bind(8, result.assessed_on)
                      .bind(9, time)
                      .run();
  if (!stored) {
    return stored;
  }
  auto entry = writer.append({actor, "result.set", key, old_state, new_state}, time);
  return entry ? Status{} : Status{std::unexpected(entry.error())};
}

Status Workspace::set_result(const assess::Result& result, const std::string& actor) {
  return set_results({result}, actor);
}

Status Workspace::set_results(const std::vector<assess::Result>& results,
                              const std::string& actor) {
  for (const assess::Result& result : results) {
    if (Status valid = validate_result(result); !valid) {
      return valid;
    }
  }
  return in_transaction(db_, key_, [&](ledger::Writer& writer) -> Status {
    for (const assess::Result& result : results) {
      if (Status stored = store_result(writer, result, actor); !stored) {
        return stored;
      }
    }
    return {};
  });
}

Result<int> Workspace::start_cycle(const std::string& name, const std::string& today,
                                   const std::string& actor) {
  if (name.empty()) {
    return fail(ErrorKind::kUsage, "a cycle needs a name (e.g. 2027)",
                "評估週期須有名稱（例如 2027）");
  }
  auto results = load_results();
  if (!results) {
    return std::unexpected(results.error());
  }
  int reset = 0;
  auto done = in_transaction(db_, key_, [&](ledger::Writer& writer) -> Status {
    auto cycle = db_.prepare("INSERT INTO cycles (name, started_on, started_by) VALUES (?, ?, ?)");
    if (!cycle) {
      return std::unexpected(cycle.error());
    }
    if (Status added = cycle->bind(1, name).bind(2, today).bind(3, actor).run(); !added) {
      return fail(ErrorKind::kUsage, fmt::format("a cycle named '{}' exists already", name),
                  fmt::format("評估週期 '{}' 已存在", name));
    }
    const std::int64_t cycle_id = sqlite3_last_insert_rowid(db_.handle());
    if (Status archived =
            db_.exec(fmt::format("INSERT INTO result_archive SELECT {}, node_id, object, status, "
                                 "owner, note, justification, due_date, "
                                 "assessed_on FROM results",
                                 cycle_id));
        !archived) {
      return archived;
    }
    auto entry = writer.append(
        {actor, "cycle.start", name, "",
         Json{{"name", name}, {"started_on", today}, {"archived", results->size()}}.dump()},
        utc_now());
    if (!entry) {
      return std::unexpected(entry.error());
    }
    for (assess::Result result : *results) {
      if (result.status == assess::ResultStatus::kNotAssessed && result.assessed_on.empty()) {
        continue;
      }
      result.status = assess::ResultStatus::kNotAssessed;
      result.assessed_on.clear();
      result.due_date.clear();
      if (Status stored = store_result(writer, result, actor); !stored) {
        return stored;
      }
      ++reset;
    }
    return set_setting(db_, "cycle.current", name);
  });
  if (!done) {
    return std::unexpected(done.error());
  }
  return reset;
}

Result<std::vector<assess::Result>> Workspace::load_results() {
  auto rows = db_.prepare(
      "SELECT node_id, object, status, owner, note, justification, coalesce(due_date,''), "
      "coalesce(assessed_on,'') "
      "FROM results ORDER BY node_id, object");
  if (!rows) {
    return std::unexpected(rows.error());
  }
  std::vector<assess::Result> results;
  if (Status read = rows->for_each_row([&] {
        results.push_back({rows->text(0), rows->text(1),
                           assess::parse_result_status(rows->view(2))
                               .value_or(assess::ResultStatus::kNotAssessed),
                           rows->text(3), rows->text(4), rows->text(5), rows->text(6),
                           rows->text(7)});
      });
      !read) {
    return std::unexpected(read.error());
  }
  return results;
}

Result<assess::Evidence> Workspace::add_evidence(const assess::Evidence& evidence,
                                                 const std::filesystem::path& file,
                                                 const std::string& actor) {
  if (Status applies = check_applies(evidence.node_id, evidence.object); !applies) {
    return std::unexpected(applies.error());
  }
  assess::Evidence record = evidence;
  record.added_by = actor;
  record.added_at = utc_now();
  if (record.kind == "file" || record.kind == "scan") {
    auto digest = sha256_file(file);
    if (!digest) {
      return std::unexpected(digest.error());
    }
    record.sha256 = to_hex(*digest);
    record.size = static_cast<std::int64_t>(std::filesystem::file_size(file));
    if (record.name.empty()) {
      record.name = file.filename().string();
    }
    // Content-addressed: the same content is stored once, read-only.
    const auto target = paths_.evidence() / record.sha256.substr(0, 2) / record.sha256;
    std::error_code error;
    if (!std::filesystem::exists(target, error)) {
      std::filesystem::create_directories(target.parent_path(), error);
      Status stored = produce_file_atomically(
          target, [&file](const std::filesystem::path& temporary) -> Status {
            std::error_code copy_error;
            if (!std::filesystem::copy_file(file, temporary, copy_error)) {
              return fail(ErrorKind::kIo,
                          fmt::format("cannot copy '{}' into the evidence store: {}", file.string(),
                                      copy_error.message()));
            }
            return {};
          });
      if (!stored) {
        return std::unexpected(stored.error());
      }
      std::filesystem::permissions(
          target, std::filesystem::perms::owner_read | std::filesystem::perms::group_read, error);
    }
  }
  const std::string state = Json{
      {"kind", record.kind},
      {"sha256", record.sha256},
      {"size", record.size},
      {"name", record.name},
      {"uri", record.uri},
      {"effective_from", record.effective_from},
      {"effective_to", record.effective_to},
      {"check_id", record.check_id},
      {"verdict",
       record.verdict}}.dump();
  return in_transaction(db_, key_, [&](ledger::Writer& writer) -> Result<assess::Evidence> {
    auto insert = db_.prepare(
        "INSERT INTO evidence (kind, sha256, size, name, uri, node_id, object, effective_from, "
        "effective_to, added_by, added_at, check_id, verdict) VALUES (?, nullif(?, ''), ?, ?, "
        "nullif(?, ''), ?, ?, nullif(?, ''), nullif(?, ''), ?, ?, nullif(?, ''), nullif(?, ''))");
    if (!insert) {
      return std::unexpected(insert.error());
    }
    Status stored = insert->bind(1, record.kind)
                        .bind(2, record.sha256)
                        .bind(3, record.size)
                        .bind(4, record.name)
                        .bind(5, record.uri)
                        .bind(6, record.node_id)
                        .bind(7, record.object)
                        .bind(8, record.effective_from)
                        .bind(9, record.effective_to)
                        .bind(10, record.added_by)
                        .bind(11, record.added_at)
                        .bind(12, record.check_id)
                        .bind(13, record.verdict)
                        .run();
    if (!stored) {
      return std::unexpected(stored.error());
    }
    record.id = sqlite3_last_insert_rowid(db_.handle());
    auto entry = writer.append(
        {actor, "evidence.add", record.node_id + " " + record.object, "", state}, record.added_at);
    if (!entry) {
      return std::unexpected(entry.error());
    }
    return record;
  });
}

Result<std::vector<assess::Evidence>> Workspace::load_evidence() {
  auto rows = db_.prepare(
      "SELECT id, kind, coalesce(sha256,''), coalesce(size,0), name, coalesce(uri,''), node_id, "
      "object, "
      "coalesce(effective_from,''), coalesce(effective_to,''), added_by, added_at, "
      "coalesce(check_id,''), coalesce(verdict,'') FROM evidence ORDER BY id");
  if (!rows) {
    return std::unexpected(rows.error());
  }
  std::vector<assess::Evidence> out;
  if (Status read = rows->for_each_row([&] {
        out.push_back({rows->integer(0), rows->text(1), rows->text(2), rows->integer(3),
                       rows->text(4), rows->text(5), rows->text(6), rows->text(7), rows->text(8),
                       rows->text(9), rows->text(10), rows->text(11), rows->text(12),
                       rows->text(13)});
      });
      !read) {
    return std::unexpected(read.error());
  }
  return out;
}

Result<std::vector<std::string>> Workspace::verify_evidence_store() {
  auto evidence = load_evidence();
  if (!evidence) {
    return std::unexpected(evidence.error());
  }
  std::vector<std::string> damaged;
  for (const auto& item : *evidence) {
    if (item.kind == "link") {
      continue;
    }
    const auto path = paths_.evidence() / item.sha256.substr(0, 2) / item.sha256;
    auto digest = sha256_file(path);
    if (!digest || to_hex(*digest) != item.sha256) {
      damaged.push_back(fmt::format("evidence {} ({}): {}", item.id, item.name,
                                    digest ? "content changed" : "file missing"));
    }
  }
  return damaged;
}

Result<ledger::VerifyReport> Workspace::verify_ledger() {
  return ledger::verify(db_, key_.public_key_hex());
}

}  // namespace etguard::workspace
