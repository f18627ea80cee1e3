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

// A row of subject, id, name, owner, facts, details, dates.
assess::RegisterEntry read_entry(const Statement& row) {
  assess::RegisterEntry entry;
  entry.subject = row.text(0);
  entry.id = row.text(1);
  entry.name = row.text(2);
  entry.owner = row.text(3);
  entry.facts = parse_json<std::map<std::string, bool>>(row.view(4));
  entry.details = parse_json<std::map<std::string, std::string>>(row.view(5));
  entry.dates = parse_json<std::map<std::string, std::string>>(row.view(6));
  return entry;
}

constexpr std::string_view kResultColumns =
    "node_id, object, status, owner, note, justification, coalesce(due_date,''), "
    "coalesce(assessed_on,''), plan_action, plan_owner, plan_due, plan_status";

assess::Result read_result(const Statement& row) {
  return {row.text(0),
          row.text(1),
          assess::parse_result_status(row.view(2)).value_or(assess::ResultStatus::kNotAssessed),
          row.text(3),
          row.text(4),
          row.text(5),
          row.text(6),
          row.text(7),
          {row.text(8), row.text(9), row.text(10),
           assess::parse_plan_status(row.view(11)).value_or(assess::PlanStatus::kOpen)}};
}

// A table's rows, live or archived with a cycle: the archive tables add a
// leading cycle_id column.
std::string from_table(std::string_view live, std::string_view archive, std::int64_t cycle_id) {
  return cycle_id == 0 ? std::string(live)
                       : fmt::format("{} WHERE cycle_id = {}", archive, cycle_id);
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
  return read_registers(0);
}

Result<assess::Registers> SqliteRecords::read_registers(std::int64_t cycle_id) {
  assess::Registers registers;
  auto profile = db_->prepare(
      fmt::format("SELECT key, value FROM {}", from_table("profile", "profile_archive", cycle_id)));
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
      fmt::format("SELECT subject, id, name, owner, facts, details, dates FROM {} ORDER BY "
                  "subject, id",
                  from_table("register_entries", "register_archive", cycle_id)));
  if (!entries) {
    return std::unexpected(entries.error());
  }
  if (Status read =
          entries->for_each_row([&] { registers.entries.push_back(read_entry(*entries)); });
      !read) {
    return std::unexpected(read.error());
  }
  return registers;
}

Status SqliteRecords::for_each_entry(std::string_view subject,
                                     const std::function<void(assess::RegisterEntry&&)>& visit) {
  auto entries = db_->prepare(
      "SELECT subject, id, name, owner, facts, details, dates FROM register_entries WHERE "
      "subject = ? ORDER BY id");
  if (!entries) {
    return std::unexpected(entries.error());
  }
  entries->bind(1, subject);
  return entries->for_each_row([&] { visit(read_entry(*entries)); });
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

Result<Statement*> SqliteRecords::cached(std::string_view sql) {
  auto found = cache_.find(sql);
  if (found == cache_.end()) {
    auto prepared = db_->prepare(sql);
    if (!prepared) {
      return std::unexpected(prepared.error());
    }
    found = cache_.emplace(std::string(sql), std::move(*prepared)).first;
  }
  return &found->second;
}

Result<std::optional<assess::Result>> SqliteRecords::result(const std::string& node_id,
                                                            const std::string& object) {
  static const std::string select_one =
      fmt::format("SELECT {} FROM results WHERE node_id = ? AND object = ?", kResultColumns);
  auto row = cached(select_one);
  if (!row) {
    return std::unexpected(row.error());
  }
  (*row)->bind(1, node_id).bind(2, object);
  auto found = (*row)->step();
  std::optional<assess::Result> result;
  if (found && *found) {
    result = read_result(**row);
  }
  const Status reset = (*row)->reset();  // no read left open on the connection
  if (!found || !reset) {
    return std::unexpected(!found ? found.error() : reset.error());
  }
  return result;
}

Result<std::vector<assess::Result>> SqliteRecords::results() {
  return read_results(0);
}

Result<std::vector<assess::Result>> SqliteRecords::read_results(std::int64_t cycle_id) {
  auto rows = db_->prepare(fmt::format("SELECT {} FROM {} ORDER BY node_id, object", kResultColumns,
                                       from_table("results", "result_archive", cycle_id)));
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
  auto upsert = cached(
      "INSERT INTO results (node_id, object, status, owner, note, justification, due_date, "
      "assessed_on, updated_at, plan_action, plan_owner, plan_due, plan_status) "
      "VALUES (?, ?, ?, ?, ?, ?, nullif(?, ''), nullif(?, ''), ?, ?, ?, ?, ?) "
      "ON CONFLICT(node_id, object) DO UPDATE SET "
      "status = excluded.status, owner = excluded.owner, note = excluded.note, justification = "
      "excluded.justification, "
      "due_date = excluded.due_date, assessed_on = excluded.assessed_on, updated_at = "
      "excluded.updated_at, plan_action = excluded.plan_action, plan_owner = "
      "excluded.plan_owner, plan_due = excluded.plan_due, plan_status = excluded.plan_status");
  if (!upsert) {
    return std::unexpected(upsert.error());
  }
  Status stored = (*upsert)
                      ->bind(1, result.node_id)
                      .bind(2, result.object)
                      .bind(3, assess::to_string(result.status))
                      .bind(4, result.owner)
                      .bind(5, result.note)
                      .bind(6, result.justification)
                      .bind(7, result.due_date)
                      .bind(8, result.assessed_on)
                      .bind(9, updated_at)
                      .bind(10, result.plan.action)
                      .bind(11, result.plan.owner)
                      .bind(12, result.plan.due_on)
                      .bind(13, result.plan.empty() ? std::string_view("")
                                                    : assess::to_string(result.plan.status))
                      .run();
  if (Status reset = (*upsert)->reset(); !reset) {
    return reset;
  }
  return stored;
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
  const auto cycle_id = static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_->handle()));
  for (const std::string_view copy :
       {"INSERT INTO result_archive (cycle_id, node_id, object, status, owner, note, "
        "justification, due_date, assessed_on, plan_action, plan_owner, plan_due, plan_status) "
        "SELECT ?, node_id, object, status, owner, note, justification, due_date, assessed_on, "
        "plan_action, plan_owner, plan_due, plan_status FROM results",
        "INSERT INTO register_archive SELECT ?, subject, id, name, owner, facts, details, dates "
        "FROM register_entries",
        "INSERT INTO profile_archive SELECT ?, key, value FROM profile",
        "UPDATE cycles SET registers_archived = 1 WHERE id = ?1"}) {
    auto archive = db_->prepare(copy);
    if (!archive) {
      return std::unexpected(archive.error());
    }
    if (Status copied = archive->bind(1, cycle_id).run(); !copied) {
      return copied;
    }
  }
  return {};
}

Result<CycleArchive> SqliteRecords::cycle_archive(const std::string& name) {
  auto row = db_->prepare("SELECT id, registers_archived FROM cycles WHERE name = ?");
  if (!row) {
    return std::unexpected(row.error());
  }
  row->bind(1, name);
  auto found = row->step();
  if (!found) {
    return std::unexpected(found.error());
  }
  if (!*found) {
    return fail(ErrorKind::kNotFound, fmt::format("no cycle named '{}'", name),
                fmt::format("沒有名為 '{}' 的評估週期", name));
  }
  const std::int64_t cycle_id = row->integer(0);
  CycleArchive archive;
  archive.registers_archived = row->integer(1) != 0;
  auto results = read_results(cycle_id);
  if (!results) {
    return std::unexpected(results.error());
  }
  archive.results = std::move(*results);
  auto anchor = db_->prepare(
      "SELECT c.seq, l.hash, (SELECT count(*) FROM ledger_checkpoints k WHERE k.seq <= c.seq) "
      "FROM ledger_checkpoints c JOIN ledger l ON l.seq = c.seq WHERE c.seq >= (SELECT min(seq) "
      "FROM ledger WHERE action = 'cycle.start' AND object = ?) ORDER BY c.seq LIMIT 1");
  if (!anchor) {
    return std::unexpected(anchor.error());
  }
  anchor->bind(1, name);
  auto anchored = anchor->step();
  if (!anchored) {
    return std::unexpected(anchored.error());
  }
  if (*anchored) {
    archive.closing_seq = anchor->integer(0);
    archive.closing_hash = anchor->text(1);
    archive.closing_checkpoints = anchor->integer(2);
  }
  if (archive.registers_archived) {
    auto registers = read_registers(cycle_id);
    if (!registers) {
      return std::unexpected(registers.error());
    }
    archive.registers = std::move(*registers);
  }
  return archive;
}

Status SqliteRecords::keep_result_state(std::int64_t seq, const std::string& state) {
  auto insert = cached("INSERT INTO result_history (seq, state) VALUES (?, ?)");
  if (!insert) {
    return std::unexpected(insert.error());
  }
  return (*insert)->bind(1, seq).bind(2, state).run();
}

Result<std::vector<ResultHistoryEntry>> SqliteRecords::read_changes(std::string_view sql,
                                                                    const std::string* object) {
  auto rows = db_->prepare(sql);
  if (!rows) {
    return std::unexpected(rows.error());
  }
  if (object != nullptr) {
    rows->bind(1, *object);
  }
  std::vector<ResultHistoryEntry> changes;
  if (Status read = rows->for_each_row([&] {
        ResultHistoryEntry change{rows->integer(0), rows->text(1), rows->text(2),
                                  rows->text(3),    rows->text(4), std::nullopt};
        if (!rows->is_null(5)) {
          change.state = rows->text(5);
        }
        changes.push_back(std::move(change));
      });
      !read) {
    return std::unexpected(read.error());
  }
  return changes;
}

Result<std::vector<ResultHistoryEntry>> SqliteRecords::result_history(const std::string& object) {
  return read_changes(
      "SELECT l.seq, l.time, l.actor, l.object, l.after_digest, h.state FROM ledger l LEFT JOIN "
      "result_history h ON h.seq = l.seq WHERE l.action = 'result.set' AND l.object = ? ORDER BY "
      "l.seq",
      &object);
}

Result<std::vector<ResultHistoryEntry>> SqliteRecords::kept_result_states() {
  return read_changes(
      "SELECT h.seq, coalesce(l.time, ''), coalesce(l.actor, ''), coalesce(l.object, ''), "
      "coalesce(l.after_digest, ''), h.state FROM result_history h LEFT JOIN ledger l ON l.seq = "
      "h.seq AND l.action = 'result.set' ORDER BY h.seq",
      nullptr);
}

Status SqliteRecords::add_sign_off(const assess::SignOff& sign_off) {
  auto insert = db_->prepare(
      "INSERT INTO sign_offs (cycle, report, sha256, statement, signed_by, signed_at) VALUES (?, "
      "?, ?, ?, ?, ?)");
  if (!insert) {
    return std::unexpected(insert.error());
  }
  return insert->bind(1, sign_off.cycle)
      .bind(2, sign_off.report)
      .bind(3, sign_off.sha256)
      .bind(4, sign_off.statement)
      .bind(5, sign_off.signed_by)
      .bind(6, sign_off.signed_at)
      .run();
}

Result<std::vector<assess::SignOff>> SqliteRecords::sign_offs() {
  auto rows = db_->prepare(
      "SELECT cycle, report, sha256, statement, signed_by, signed_at FROM sign_offs ORDER BY id");
  if (!rows) {
    return std::unexpected(rows.error());
  }
  std::vector<assess::SignOff> out;
  if (Status read = rows->for_each_row([&] {
        out.push_back({rows->text(0), rows->text(1), rows->text(2), rows->text(3), rows->text(4),
                       rows->text(5)});
      });
      !read) {
    return std::unexpected(read.error());
  }
  return out;
}

Result<std::vector<CycleRecord>> SqliteRecords::cycles() {
  auto rows = db_->prepare(
      "SELECT c.name, c.started_on, c.started_by, (SELECT count(*) FROM result_archive a WHERE "
      "a.cycle_id = c.id), c.due_on, c.registers_archived FROM cycles c ORDER BY c.id");
  if (!rows) {
    return std::unexpected(rows.error());
  }
  std::vector<CycleRecord> cycles;
  if (Status read = rows->for_each_row([&] {
        cycles.push_back({rows->text(0), rows->text(1), rows->text(2), rows->integer(3),
                          rows->text(4), rows->integer(5) != 0});
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

Status SqliteRecords::withdraw_evidence(const assess::Evidence& withdrawal) {
  auto insert = db_->prepare(
      "INSERT INTO evidence_withdrawals (evidence_id, reason, superseded_by, withdrawn_by, "
      "withdrawn_at) VALUES (?, ?, nullif(?, 0), ?, ?)");
  if (!insert) {
    return std::unexpected(insert.error());
  }
  if (Status added = insert->bind(1, withdrawal.id)
                         .bind(2, withdrawal.withdrawn_reason)
                         .bind(3, withdrawal.superseded_by)
                         .bind(4, withdrawal.withdrawn_by)
                         .bind(5, withdrawal.withdrawn_at)
                         .run();
      !added) {
    return fail(ErrorKind::kUsage, fmt::format("evidence {} is withdrawn already", withdrawal.id),
                fmt::format("佐證 {} 已撤回", withdrawal.id));
  }
  return {};
}

Status SqliteRecords::add_evidence_review(const assess::EvidenceReview& review) {
  auto insert = db_->prepare(
      "INSERT INTO evidence_reviews (evidence_id, decision, comment, reviewer, reviewed_at) "
      "VALUES (?, ?, ?, ?, ?)");
  if (!insert) {
    return std::unexpected(insert.error());
  }
  return insert->bind(1, review.evidence_id)
      .bind(2, std::string(review.approved ? "approved" : "rejected"))
      .bind(3, review.comment)
      .bind(4, review.reviewer)
      .bind(5, review.reviewed_at)
      .run();
}

Result<std::vector<assess::EvidenceReview>> SqliteRecords::evidence_reviews() {
  auto rows = db_->prepare(
      "SELECT evidence_id, decision, comment, reviewer, reviewed_at FROM evidence_reviews "
      "ORDER BY id");
  if (!rows) {
    return std::unexpected(rows.error());
  }
  std::vector<assess::EvidenceReview> out;
  if (Status read = rows->for_each_row([&] {
        out.push_back({.evidence_id = rows->integer(0),
                       .approved = rows->text(1) == "approved",
                       .comment = rows->text(2),
                       .reviewer = rows->text(3),
                       .reviewed_at = rows->text(4)});
      });
      !read) {
    return std::unexpected(read.error());
  }
  return out;
}

Result<std::int64_t> SqliteRecords::add_comment(const assess::Comment& comment) {
  auto insert = db_->prepare(
      "INSERT INTO comments (node_id, object, body, author, written_at) VALUES (?, ?, ?, ?, ?)");
  if (!insert) {
    return std::unexpected(insert.error());
  }
  if (Status added = insert->bind(1, comment.node_id)
                         .bind(2, comment.object)
                         .bind(3, comment.body)
                         .bind(4, comment.author)
                         .bind(5, comment.written_at)
                         .run();
      !added) {
    return std::unexpected(added.error());
  }
  return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_->handle()));
}

Result<std::vector<assess::Comment>> SqliteRecords::comments(const std::string& node_id,
                                                             const std::string& object) {
  auto rows = db_->prepare(
      node_id.empty()
          ? "SELECT id, node_id, object, body, author, written_at FROM comments ORDER BY id"
          : "SELECT id, node_id, object, body, author, written_at FROM comments "
            "WHERE node_id = ? AND object = ? ORDER BY id");
  if (!rows) {
    return std::unexpected(rows.error());
  }
  if (!node_id.empty()) {
    rows->bind(1, node_id).bind(2, object);
  }
  std::vector<assess::Comment> out;
  if (Status read = rows->for_each_row([&] {
        out.push_back({.id = rows->integer(0),
                       .node_id = rows->text(1),
                       .object = rows->text(2),
                       .body = rows->text(3),
                       .author = rows->text(4),
                       .written_at = rows->text(5)});
      });
      !read) {
    return std::unexpected(read.error());
  }
  return out;
}

Result<std::vector<assess::Evidence>> SqliteRecords::evidence() {
  auto rows = db_->prepare(
      "SELECT id, kind, coalesce(sha256,''), coalesce(size,0), name, coalesce(uri,''), node_id, "
      "object, coalesce(effective_from,''), coalesce(effective_to,''), added_by, added_at, "
      "coalesce(check_id,''), coalesce(verdict,''), file_name, media_type, "
      "coalesce(w.withdrawn_at,''), coalesce(w.withdrawn_by,''), coalesce(w.reason,''), "
      "coalesce(w.superseded_by,0) FROM evidence LEFT JOIN evidence_withdrawals w ON "
      "w.evidence_id = evidence.id ORDER BY id");
  if (!rows) {
    return std::unexpected(rows.error());
  }
  std::vector<assess::Evidence> out;
  if (Status read = rows->for_each_row([&] {
        out.push_back({rows->integer(0), rows->text(1),
                       rows->text(2),    rows->integer(3),
                       rows->text(4),    rows->text(5),
                       rows->text(6),    rows->text(7),
                       rows->text(8),    rows->text(9),
                       rows->text(10),   rows->text(11),
                       rows->text(12),   parse_verdict(rows->view(13)),
                       rows->text(14),   rows->text(15),
                       rows->text(16),   rows->text(17),
                       rows->text(18),   rows->integer(19)});
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

Result<std::vector<LedgerLine>> SqliteRecords::ledger_lines_from(std::int64_t seq,
                                                                 std::int64_t limit) {
  auto rows = db_->prepare(
      "SELECT seq, time, actor, action, object, hash FROM ledger WHERE seq >= ? ORDER BY seq "
      "LIMIT ?");
  if (!rows) {
    return std::unexpected(rows.error());
  }
  rows->bind(1, seq).bind(2, limit);
  std::vector<LedgerLine> lines;
  if (Status read = rows->for_each_row([&] {
        lines.push_back({rows->integer(0), rows->text(1), rows->text(2), rows->text(3),
                         rows->text(4), rows->text(5)});
      });
      !read) {
    return std::unexpected(read.error());
  }
  return lines;
}

Result<LedgerLine> SqliteRecords::last_records_change() {
  static const std::string query = [] {
    std::string text = "SELECT seq, time, actor, action, object, hash FROM ledger WHERE 1";
    for (const std::string_view prefix : kNonRecordActionPrefixes) {
      text += fmt::format(" AND action NOT LIKE '{}%'", prefix);
    }
    return text + " ORDER BY seq DESC LIMIT 1";
  }();
  auto rows = db_->prepare(query);
  if (!rows) {
    return std::unexpected(rows.error());
  }
  LedgerLine line;
  if (Status read = rows->for_each_row([&] {
        line = {rows->integer(0), rows->text(1), rows->text(2),
                rows->text(3),    rows->text(4), rows->text(5)};
      });
      !read) {
    return std::unexpected(read.error());
  }
  return line;
}

Result<std::map<std::string, std::string>> SqliteRecords::settings_under(std::string_view prefix) {
  auto rows = db_->prepare(
      "SELECT key, value FROM settings WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key");
  if (!rows) {
    return std::unexpected(rows.error());
  }
  rows->bind(1, prefix);
  std::map<std::string, std::string> out;
  if (Status read = rows->for_each_row([&] { out.emplace(rows->text(0), rows->text(1)); }); !read) {
    return std::unexpected(read.error());
  }
  return out;
}

Status SqliteRecords::remove_setting(std::string_view key) {
  auto removal = db_->prepare("DELETE FROM settings WHERE key = ?");
  if (!removal) {
    return std::unexpected(removal.error());
  }
  return removal->bind(1, key).run();
}

}  // namespace etguard::store
