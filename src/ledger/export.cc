#include "ledger/export.h"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "store/schema.h"

namespace etguard::ledger {
namespace {

using Json = nlohmann::ordered_json;

}  // namespace

Status export_ledger(store::Database& db, std::string_view public_key_hex, std::ostream& out) {
  out << Json{{"kind", "header"},
              {"format", kExportFormat},
              {"format_version", kExportFormatVersion},
              {"public_key", public_key_hex},
              {"key_id", key_id_of(public_key_hex)}}
             .dump()
      << '\n';
  auto entries = db.prepare(
      "SELECT seq, time, actor, action, object, before_digest, after_digest, prev_hash, hash FROM "
      "ledger "
      "ORDER BY seq");
  if (!entries) {
    return std::unexpected(entries.error());
  }
  if (Status read = entries->for_each_row([&] {
        out << Json{{"kind", "entry"},
                    {"seq", entries->integer(0)},
                    {"time", entries->text(1)},
                    {"actor", entries->text(2)},
                    {"action", entries->text(3)},
                    {"object", entries->text(4)},
                    {"before_digest", entries->text(5)},
                    {"after_digest", entries->text(6)},
                    {"prev_hash", entries->text(7)},
                    {"hash", entries->text(8)}}
                   .dump()
            << '\n';
      });
      !read) {
    return read;
  }
  auto checkpoints =
      db.prepare("SELECT seq, hash, key_id, signature, time FROM ledger_checkpoints ORDER BY seq");
  if (!checkpoints) {
    return std::unexpected(checkpoints.error());
  }
  if (Status read = checkpoints->for_each_row([&] {
        out << Json{{"kind", "checkpoint"},
                    {"seq", checkpoints->integer(0)},
                    {"hash", checkpoints->text(1)},
                    {"key_id", checkpoints->text(2)},
                    {"signature", checkpoints->text(3)},
                    {"time", checkpoints->text(4)}}
                   .dump()
            << '\n';
      });
      !read) {
    return read;
  }
  out.flush();
  if (!out) {
    return fail(ErrorKind::kIo, "could not write the ledger export", "無法寫入帳本匯出檔");
  }
  return {};
}

Result<VerifyReport> verify_export(const std::filesystem::path& file,
                                   std::string_view public_key_hex) {
  std::ifstream in(file);
  if (!in) {
    return fail(ErrorKind::kNotFound,
                fmt::format("{}: cannot open the ledger export", file.string()),
                fmt::format("{}：無法開啟帳本匯出檔", file.string()));
  }
  // The export is checked in a private in-memory database (shared between
  // the verifying threads of this process only): nothing is left behind,
  // nothing is readable by others.
  auto db = store::Database::open_in_memory();
  if (!db) {
    return std::unexpected(db.error());
  }
  for (const store::Migration& migration : store::migrations()) {
    if (Status applied = db->exec(migration.sql); !applied) {
      return std::unexpected(applied.error());
    }
  }
  auto entry = db->prepare(
      "INSERT INTO ledger (seq, time, actor, action, object, before_digest, after_digest, "
      "prev_hash, hash) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  auto checkpoint = db->prepare(
      "INSERT INTO ledger_checkpoints (seq, hash, key_id, signature, time) VALUES (?, ?, ?, ?, ?)");
  if (!entry || !checkpoint) {
    return std::unexpected(!entry ? entry.error() : checkpoint.error());
  }
  std::string key(public_key_hex);
  bool header_seen = false;
  if (Status begun = db->exec("BEGIN"); !begun) {
    return std::unexpected(begun.error());
  }
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const std::string where = fmt::format("{}:{}", file.string(), number);
    try {
      const Json record = Json::parse(line);
      const std::string kind = record.at("kind").get<std::string>();
      Status stored;
      if (kind == "header") {
        if (record.at("format") != kExportFormat) {
          return fail(ErrorKind::kInput, fmt::format("{}: not an etguard ledger export", where),
                      fmt::format("{}：不是 etguard 帳本匯出檔", where));
        }
        header_seen = true;
        if (key.empty()) {
          key = record.at("public_key").get<std::string>();
        }
        continue;
      }
      if (!header_seen) {
        return fail(ErrorKind::kInput, fmt::format("{}: the header line must come first", where),
                    fmt::format("{}：標頭行須為第一行", where));
      }
      if (!record.at("seq").is_number_integer()) {
        return fail(
            ErrorKind::kInput,
            fmt::format("{}: seq must be a whole number, not {}", where, record.at("seq").dump()),
            fmt::format("{}：seq 須為整數，而非 {}", where, record.at("seq").dump()));
      }
      if (kind == "entry") {
        stored = entry->bind(1, record.at("seq").get<std::int64_t>())
                     .bind(2, record.at("time").get<std::string>())
                     .bind(3, record.at("actor").get<std::string>())
                     .bind(4, record.at("action").get<std::string>())
                     .bind(5, record.at("object").get<std::string>())
                     .bind(6, record.at("before_digest").get<std::string>())
                     .bind(7, record.at("after_digest").get<std::string>())
                     .bind(8, record.at("prev_hash").get<std::string>())
                     .bind(9, record.at("hash").get<std::string>())
                     .run();
      } else if (kind == "checkpoint") {
        stored = checkpoint->bind(1, record.at("seq").get<std::int64_t>())
                     .bind(2, record.at("hash").get<std::string>())
                     .bind(3, record.at("key_id").get<std::string>())
                     .bind(4, record.at("signature").get<std::string>())
                     .bind(5, record.at("time").get<std::string>())
                     .run();
      } else {
        return fail(ErrorKind::kInput, fmt::format("{}: unknown record kind '{}'", where, kind),
                    fmt::format("{}：未知的紀錄種類 '{}'", where, kind));
      }
      if (!stored) {
        return fail(ErrorKind::kInput, fmt::format("{}: {}", where, stored.error().message),
                    fmt::format("{}：{}", where,
                                stored.error().message_zh.empty() ? stored.error().message
                                                                  : stored.error().message_zh));
      }
    } catch (const nlohmann::json::exception& error) {
      return fail(ErrorKind::kInput, fmt::format("{}: {}", where, error.what()),
                  fmt::format("{}：{}", where, error.what()));
    }
  }
  if (!header_seen) {
    return fail(ErrorKind::kInput,
                fmt::format("{}: empty, or not an etguard ledger export", file.string()),
                fmt::format("{}：檔案為空，或不是 etguard 帳本匯出檔", file.string()));
  }
  if (Status committed = db->exec("COMMIT"); !committed) {
    return std::unexpected(committed.error());
  }
  return verify(*db, key);
}

}  // namespace etguard::ledger
