#include "store/sqlite_records.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

namespace etguard::store {
namespace {

using Json = nlohmann::json;

template <typename T>
T parse_json(std::string_view text) {
  return Json::parse(text).get<T>();
}

constexpr std::string_view kResultColumns =
    "node_id, object, status, owner, note, justification, coalesce(due_date,''), "
    "coalesce(assessed_on,'')";

assess::Result read_result(const Statement& row) {
  return {row.text(0),
          row.text(1),
          assess::parse_result_status(row.view(2)).value_or(assess::ResultStatus::kNotAssessed),
          row.text(3),
          row.text(4),
          row.text(5),
          row.text(6),
          row.text(7)};
}

}  // namespace

Result<std::string> SqliteRecords::setting(std::string_view key) {
  auto statement = db_->prepare("SELECT value FROM settings WHERE key = ?");
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

Status SqliteRecords::set_setting(std::string_view key, std::string_view value) {
  auto statement = db_->prepare(
      "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = "
      "excluded.value");
  if (!statement) {
    return std::unexpected(statement.error());
  }
  return statement->bind(1, key).bind(2, value).run();
}

Result<assess::Registers> SqliteRecords::registers() {
  assess::Registers registers;
  auto profile = db_->prepare("SELECT key, value FROM profile");
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
          registers.profile.facts = parse_json<std::map<std::string, bool>>(value);
        }
      });
      !read) {
    return std::unexpected(read.error());
  }
  auto entries = db_->prepare(
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
        entry.facts = parse_json<std::map<std::string, bool>>(entries->view(4));
        entry.details = parse_json<std::map<std::string, std::string>>(entries->view(5));
        entry.dates = parse_json<std::map<std::string, std::string>>(entries->view(6));
        registers.entries.push_back(std::move(entry));
      });
      !read) {
    return std::unexpected(read.error());
  }
  return registers;
}

Status SqliteRecords::replace_profile(const assess::Profile& profile) {
  if (Status cleared = db_->exec("DELETE FROM profile"); !cleared) {
    return cleared;
  }
  auto insert = db_->prepare("INSERT INTO profile (key, value) VALUES (?, ?)");
  if (!insert) {
    return std::unexpected(insert.error());
  }
  for (const auto& [key, value] : {std::pair<std::string, std::string>{"name", profile.name},
                                   {"sector", std::string(to_string(profile.sector))},
                                   {"facts", Json(profile.facts).dump()}}) {
    if (Status stored = insert->bind(1, key).bind(2, value).run(); !stored) {
      return stored;
    }
  }
  return {};
}

Status SqliteRecords::put_entry(const assess::RegisterEntry& entry) {
  auto upsert = db_->prepare(
      "INSERT INTO register_entries (subject, id, name, owner, facts, details, dates) VALUES (?, "
      "?, ?, ?, ?, ?, ?) "
      "ON CONFLICT(subject, id) DO UPDATE SET name = excluded.name, owner = excluded.owner, "
      "facts = excluded.facts, details = excluded.details, dates = excluded.dates");
  if (!upsert) {
    return std::unexpected(upsert.error());
  }
  return upsert->bind(1, entry.subject)
      .bind(2, entry.id)
      .bind(3, entry.name)
      .bind(4, entry.owner)
      .bind(5, Json(entry.facts).dump())
      .bind(6, Json(entry.details).dump())
      .bind(7, Json(entry.dates).dump())
      .run();
}

Status SqliteRecords::remove_entry(const assess::RegisterEntry& entry) {
  auto remove = db_->prepare("DELETE FROM register_entries WHERE subject = ? AND id = ?");
  if (!remove) {
    return std::unexpected(remove.error());
  }
  return remove->bind(1, entry.subject).bind(2, entry.id).run();
}

Result<std::optional<assess::Result>> SqliteRecords::result(const std::string& node_id,
                                                            const std::string& object) {
  auto row = db_->prepare(
      fmt::format("SELECT {} FROM results WHERE node_id = ? AND object = ?", kResultColumns));
  if (!row) {
    return std::unexpected(row.error());
  }
  row->bind(1, node_id).bind(2, object);
  auto found = row->step();
  if (!found) {
    return std::unexpected(found.error());
  }
  return *found ? std::optional(read_result(*row)) : std::nullopt;
}

Result<std::vector<assess::Result>> SqliteRecords::results() {
  auto rows =
      db_->prepare(fmt::format("SELECT {} FROM results ORDER BY node_id, object", kResultColumns));
  if (!rows) {
    return std::unexpected(rows.error());
  }
  std::vector<assess::Result> results;
  if (Status read = rows->for_each_row([&] { results.push_back(read_result(*rows)); }); !read) {
    return std::unexpected(read.error());
  }
  return results;
}

Status SqliteRecords::put_result(const assess::Result& result, const std::string& updated_at) {
  auto upsert = db_->prepare(
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
  return upsert->bind(1, result.node_id)
      .bind(2, result.object)
      .bind(3, assess::to_string(result.status))
      .bind(4, result.owner)
      .bind(5, result.note)
      .bind(6, result.justification)
      .bind(7, result.due_date)
      .bind(8, result.assessed_on)
      .bind(9, updated_at)
      .run();
}

Status SqliteRecords::add_cycle_archiving_results(const CycleRecord& cycle) {
  auto insert =
      db_->prepare("INSERT INTO cycles (name, started_on, started_by, due_on) VALUES (?, ?, ?, ?)");
  if (!insert) {
    return std::unexpected(insert.error());
  }
  if (Status added = insert->bind(1, cycle.name)
                         .bind(2, cycle.started_on)
                         .bind(3, cycle.started_by)
                         .bind(4, cycle.due_on)
                         .run();
      !added) {
    return fail(ErrorKind::kUsage, fmt::format("a cycle named '{}' exists already", cycle.name),
                fmt::format("評估週期 '{}' 已存在", cycle.name));
  }
  auto archive = db_->prepare(
      "INSERT INTO result_archive SELECT ?, node_id, object, status, owner, note, justification, "
      "due_date, assessed_on FROM results");
  if (!archive) {
    return std::unexpected(archive.error());
  }
  return archive->bind(1, static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_->handle())))
      .run();
}

Result<std::vector<CycleRecord>> SqliteRecords::cycles() {
  auto rows = db_->prepare(
      "SELECT c.name, c.started_on, c.started_by, (SELECT count(*) FROM result_archive a WHERE "
      "a.cycle_id = c.id), c.due_on FROM cycles c ORDER BY c.id");
  if (!rows) {
    return std::unexpected(rows.error());
  }
  std::vector<CycleRecord> cycles;
  if (Status read = rows->for_each_row([&] {
        cycles.push_back(
            {rows->text(0), rows->text(1), rows->text(2), rows->integer(3), rows->text(4)});
      });
      !read) {
    return std::unexpected(read.error());
  }
  return cycles;
}

Result<std::int64_t> SqliteRecords::add_evidence(const assess::Evidence& record) {
  auto insert = db_->prepare(
      "INSERT INTO evidence (kind, sha256, size, name, uri, node_id, object, effective_from, "
      "effective_to, added_by, added_at, check_id, verdict, file_name, media_type) VALUES (?, "
      "nullif(?, ''), ?, ?, nullif(?, ''), ?, ?, nullif(?, ''), nullif(?, ''), ?, ?, nullif(?, "
      "''), nullif(?, ''), ?, ?)");
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
                      .bind(13, assess::verdict_name(record))
                      .bind(14, record.file_name)
                      .bind(15, record.media_type)
                      .run();
  if (!stored) {
    return std::unexpected(stored.error());
  }
  return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_->handle()));
}

Result<std::vector<assess::Evidence>> SqliteRecords::evidence() {
  auto rows = db_->prepare(
      "SELECT id, kind, coalesce(sha256,''), coalesce(size,0), name, coalesce(uri,''), node_id, "
      "object, coalesce(effective_from,''), coalesce(effective_to,''), added_by, added_at, "
      "coalesce(check_id,''), coalesce(verdict,''), file_name, media_type FROM evidence ORDER "
      "BY id");
  if (!rows) {
    return std::unexpected(rows.error());
  }
  std::vector<assess::Evidence> out;
  if (Status read = rows->for_each_row([&] {
        out.push_back({rows->integer(0), rows->text(1), rows->text(2), rows->integer(3),
                       rows->text(4), rows->text(5), rows->text(6), rows->text(7), rows->text(8),
                       rows->text(9), rows->text(10), rows->text(11), rows->text(12),
                       parse_verdict(rows->view(13)), rows->text(14), rows->text(15)});
      });
      !read) {
    return std::unexpected(read.error());
  }
  return out;
}

Result<std::vector<LedgerState>> SqliteRecords::ledger_states(
    const std::vector<std::string>& prefixes, bool latest_only) {
  std::string matches;
  for (std::size_t i = 0; i < prefixes.size(); ++i) {
    matches +=
        fmt::format("{}substr(action, 1, length(?{})) = ?{}", i == 0 ? "" : " OR ", i + 1, i + 1);
  }
  const std::string filter = matches.empty() ? "1" : "(" + matches + ")";
  auto rows = db_->prepare(
      latest_only
          ? fmt::format("SELECT object, action, after_digest FROM ledger WHERE seq IN (SELECT "
                        "max(seq) FROM ledger WHERE {} GROUP BY object) ORDER BY seq",
                        filter)
          : fmt::format("SELECT object, action, after_digest FROM ledger WHERE {} ORDER BY seq",
                        filter));
  if (!rows) {
    return std::unexpected(rows.error());
  }
  for (std::size_t i = 0; i < prefixes.size(); ++i) {
    rows->bind(static_cast<int>(i + 1), prefixes[i]);
  }
  std::vector<LedgerState> states;
  if (Status read = rows->for_each_row(
          [&] { states.push_back({rows->text(0), rows->text(1), rows->text(2)}); });
      !read) {
    return std::unexpected(read.error());
  }
  return states;
}

Result<std::vector<LedgerLine>> SqliteRecords::latest_ledger_lines(std::int64_t limit) {
  auto rows = db_->prepare(
      "SELECT seq, time, actor, action, object, hash FROM ledger ORDER BY seq DESC LIMIT ?");
  if (!rows) {
    return std::unexpected(rows.error());
  }
  rows->bind(1, limit);
  std::vector<LedgerLine> lines;
  if (Status read = rows->for_each_row([&] {
        lines.insert(lines.begin(), {rows->integer(0), rows->text(1), rows->text(2), rows->text(3),
                                     rows->text(4), rows->text(5)});
      });
      !read) {
    return std::unexpected(read.error());
  }
  return lines;
}

}  // namespace etguard::store
