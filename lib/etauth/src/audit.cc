#include "etauth/audit.h"

#include <openssl/evp.h>
#include <sqlite3.h>

#include <algorithm>
#include <mutex>
#include <vector>

#include "bytes.h"
#include "sqlite_file.h"

namespace etauth {
namespace {

using Hash = std::array<std::uint8_t, 32>;

void put_text(Bytes& out, std::string_view text) {
  detail::put_be64(out, text.size());
  out.append(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

// SHA-256 over the previous hash and the entry's fields, each length-prefixed.
Hash entry_hash(const Hash& previous, std::uint64_t sequence, const AuditEvent& event) {
  Bytes bytes(previous.begin(), previous.end());
  detail::put_be64(bytes, sequence);
  bytes.push_back(static_cast<std::uint8_t>(event.kind));
  put_text(bytes, event.actor);
  put_text(bytes, event.subject);
  put_text(bytes, event.detail);
  detail::put_be64(bytes, static_cast<std::uint64_t>(event.at.time_since_epoch().count()));
  return detail::sha256(bytes);
}

Bytes checkpoint_message(std::uint64_t sequence, const Hash& hash) {
  Bytes message{'E', 'T', 'A', 'U', 'D', 'I', 'T', '1'};
  detail::put_be64(message, sequence);
  message.append(hash.begin(), hash.end());
  return message;
}

}  // namespace

struct AuditLog::State {
  std::unique_ptr<detail::SqliteFile> file;
  sqlite3* db = nullptr;  // file->db()
  const PrivateKey* signer = nullptr;
  Clock* clock = nullptr;
  std::chrono::days retention{};
  std::mutex lock;
  std::uint64_t last_sequence = 0;
  Hash last_hash{};

  std::unexpected<Error> failure(const char* what) const { return file->failure(what); }
  bool exec(const char* sql) const { return file->exec(sql); }

  // The anchor (hash before the first kept entry) and its sequence.
  std::pair<std::uint64_t, Hash> anchor() const {
    std::pair<std::uint64_t, Hash> result{0, Hash{}};
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, "SELECT sequence, hash FROM anchor WHERE id = 1", -1, &statement,
                       nullptr);
    if (sqlite3_step(statement) == SQLITE_ROW) {
      result.first = static_cast<std::uint64_t>(sqlite3_column_int64(statement, 0));
      const auto* blob = static_cast<const std::uint8_t*>(sqlite3_column_blob(statement, 1));
      if (blob != nullptr && sqlite3_column_bytes(statement, 1) == 32) {
        std::copy_n(blob, 32, result.second.begin());
      }
    }
    sqlite3_finalize(statement);
    return result;
  }
};

AuditLog::AuditLog(std::unique_ptr<State> state) : state_(std::move(state)) {}
AuditLog::~AuditLog() = default;

Result<std::unique_ptr<AuditLog>> AuditLog::open(const std::string& path, const PrivateKey& signer,
                                                 Clock& clock, std::chrono::days retention) {
  if (retention < kMinimumRetention) {
    return error(Errc::kPolicy, "Art. 37 keeps the audit trail at least five years");
  }
  const char* schema =
      "PRAGMA journal_mode=WAL;"
      "CREATE TABLE IF NOT EXISTS audit(sequence INTEGER PRIMARY KEY, kind INTEGER NOT NULL, "
      "actor TEXT NOT NULL, subject TEXT NOT NULL, detail TEXT NOT NULL, at INTEGER NOT NULL, "
      "hash BLOB NOT NULL) STRICT;"
      "CREATE TABLE IF NOT EXISTS checkpoint(sequence INTEGER PRIMARY KEY, hash BLOB NOT NULL, "
      "signature BLOB NOT NULL) STRICT;"
      "CREATE TABLE IF NOT EXISTS anchor(id INTEGER PRIMARY KEY CHECK (id = 1), sequence INTEGER "
      "NOT NULL, hash BLOB NOT NULL) STRICT;"
      "CREATE TABLE IF NOT EXISTS notice(event_id TEXT PRIMARY KEY) STRICT;"
      "CREATE TABLE IF NOT EXISTS purge_gate(id INTEGER PRIMARY KEY CHECK (id = 1), open INTEGER "
      "NOT NULL) STRICT;"
      "INSERT OR IGNORE INTO purge_gate VALUES(1, 0);"
      "CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit "
      "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;"
      "CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit "
      "WHEN (SELECT open FROM purge_gate) = 0 "
      "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;"
      "CREATE TRIGGER IF NOT EXISTS checkpoint_no_update BEFORE UPDATE ON checkpoint "
      "BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;";
  auto file = detail::SqliteFile::open(path, "audit log", schema);
  if (!file) {
    return std::unexpected(file.error());
  }
  auto state = std::make_unique<State>();
  state->file = std::move(*file);
  state->db = state->file->db();
  state->signer = &signer;
  state->clock = &clock;
  state->retention = retention;
  auto [sequence, hash] = state->anchor();
  state->last_sequence = sequence;
  state->last_hash = hash;
  sqlite3_stmt* last = nullptr;
  sqlite3_prepare_v2(state->db, "SELECT sequence, hash FROM audit ORDER BY sequence DESC LIMIT 1",
                     -1, &last, nullptr);
  if (sqlite3_step(last) == SQLITE_ROW) {
    state->last_sequence = static_cast<std::uint64_t>(sqlite3_column_int64(last, 0));
    std::copy_n(static_cast<const std::uint8_t*>(sqlite3_column_blob(last, 1)), 32,
                state->last_hash.begin());
  }
  sqlite3_finalize(last);
  return std::unique_ptr<AuditLog>(new AuditLog(std::move(state)));
}

Result<std::uint64_t> AuditLog::append(const AuditEvent& event) {
  State& s = *state_;
  const std::lock_guard guard(s.lock);
  const std::uint64_t sequence = s.last_sequence + 1;
  const Hash hash = entry_hash(s.last_hash, sequence, event);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(s.db, "INSERT INTO audit VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &statement,
                     nullptr);
  sqlite3_bind_int64(statement, 1, static_cast<sqlite3_int64>(sequence));
  sqlite3_bind_int(statement, 2, static_cast<int>(event.kind));
  sqlite3_bind_text(statement, 3, event.actor.data(), static_cast<int>(event.actor.size()),
                    SQLITE_TRANSIENT);
  sqlite3_bind_text(statement, 4, event.subject.data(), static_cast<int>(event.subject.size()),
                    SQLITE_TRANSIENT);
  sqlite3_bind_text(statement, 5, event.detail.data(), static_cast<int>(event.detail.size()),
                    SQLITE_TRANSIENT);
  sqlite3_bind_int64(statement, 6, event.at.time_since_epoch().count());
  sqlite3_bind_blob(statement, 7, hash.data(), static_cast<int>(hash.size()), SQLITE_TRANSIENT);
  const int rc = sqlite3_step(statement);
  sqlite3_finalize(statement);
  if (rc != SQLITE_DONE) {
    return s.failure("append");
  }
  s.last_sequence = sequence;
  s.last_hash = hash;
  return sequence;
}

Status AuditLog::checkpoint() {
  State& s = *state_;
  const std::lock_guard guard(s.lock);
  auto signature = s.signer->sign(SignatureScheme::kEcdsaP256Sha256,
                                  checkpoint_message(s.last_sequence, s.last_hash));
  if (!signature) {
    return std::unexpected(signature.error());
  }
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(s.db, "INSERT OR REPLACE INTO checkpoint VALUES(?1, ?2, ?3)", -1, &statement,
                     nullptr);
  sqlite3_bind_int64(statement, 1, static_cast<sqlite3_int64>(s.last_sequence));
  sqlite3_bind_blob(statement, 2, s.last_hash.data(), 32, SQLITE_TRANSIENT);
  sqlite3_bind_blob(statement, 3, signature->data(), static_cast<int>(signature->size()),
                    SQLITE_TRANSIENT);
  const int rc = sqlite3_step(statement);
  sqlite3_finalize(statement);
  if (rc != SQLITE_DONE) {
    return s.failure("checkpoint");
  }
  return {};
}

Status AuditLog::verify(const PublicKey& signer) const {
  State& s = *state_;
  const std::lock_guard guard(s.lock);
  auto [sequence, hash] = s.anchor();
  std::vector<std::pair<std::uint64_t, Hash>> chain;
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(s.db,
                     "SELECT sequence, kind, actor, subject, detail, at, hash FROM audit ORDER BY "
                     "sequence",
                     -1, &statement, nullptr);
  while (sqlite3_step(statement) == SQLITE_ROW) {
    const auto text = [&](int column) {
      const auto* bytes = sqlite3_column_text(statement, column);
      return std::string(reinterpret_cast<const char*>(bytes),
                         static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
    };
    const auto at = static_cast<std::uint64_t>(sqlite3_column_int64(statement, 0));
    AuditEvent event{
        static_cast<AuditKind>(sqlite3_column_int(statement, 1)), text(2), text(3), text(4),
        std::chrono::sys_seconds(std::chrono::seconds(sqlite3_column_int64(statement, 5)))};
    Hash stored{};
    if (sqlite3_column_bytes(statement, 6) == 32) {
      std::copy_n(static_cast<const std::uint8_t*>(sqlite3_column_blob(statement, 6)), 32,
                  stored.begin());
    }
    const Hash expected = entry_hash(hash, sequence + 1, event);
    if (at != sequence + 1 || expected != stored) {
      sqlite3_finalize(statement);
      return error(Errc::kCrypto, "audit log: the chain breaks at entry " + std::to_string(at));
    }
    sequence = at;
    hash = expected;
    chain.emplace_back(sequence, hash);
  }
  sqlite3_finalize(statement);
  sqlite3_prepare_v2(s.db, "SELECT sequence, hash, signature FROM checkpoint ORDER BY sequence", -1,
                     &statement, nullptr);
  Status result;
  while (result && sqlite3_step(statement) == SQLITE_ROW) {
    const auto at = static_cast<std::uint64_t>(sqlite3_column_int64(statement, 0));
    Hash signed_hash{};
    if (sqlite3_column_bytes(statement, 1) == 32) {
      std::copy_n(static_cast<const std::uint8_t*>(sqlite3_column_blob(statement, 1)), 32,
                  signed_hash.begin());
    }
    const auto* signature = static_cast<const std::uint8_t*>(sqlite3_column_blob(statement, 2));
    const auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement, 2));
    if (!signer.verify(SignatureScheme::kEcdsaP256Sha256, checkpoint_message(at, signed_hash),
                       std::span(signature, size))) {
      result = error(Errc::kCrypto, "audit log: checkpoint " + std::to_string(at) +
                                        " is not signed by the firm's key");
      break;
    }
    const auto entry = std::ranges::find_if(chain, [&](const auto& e) { return e.first == at; });
    const bool purged = chain.empty() || at < chain.front().first;
    if (!purged && (entry == chain.end() || entry->second != signed_hash)) {
      result = error(Errc::kCrypto,
                     "audit log: checkpoint " + std::to_string(at) + " does not match the chain");
    }
  }
  sqlite3_finalize(statement);
  return result;
}

Result<std::size_t> AuditLog::purge_before(std::chrono::sys_seconds cutoff) {
  State& s = *state_;
  const std::lock_guard guard(s.lock);
  const auto now = std::chrono::floor<std::chrono::seconds>(s.clock->now());
  if (cutoff > now - s.retention) {
    return error(Errc::kPolicy, "entries younger than the retention (five years or more) stay");
  }
  // The new anchor: the last entry that goes.
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(
      s.db, "SELECT sequence, hash FROM audit WHERE at < ?1 ORDER BY sequence DESC LIMIT 1", -1,
      &statement, nullptr);
  sqlite3_bind_int64(statement, 1, cutoff.time_since_epoch().count());
  if (sqlite3_step(statement) != SQLITE_ROW) {
    sqlite3_finalize(statement);
    return 0;
  }
  const sqlite3_int64 last = sqlite3_column_int64(statement, 0);
  const Bytes anchor_hash(static_cast<const std::uint8_t*>(sqlite3_column_blob(statement, 1)), 32);
  sqlite3_finalize(statement);
  if (!s.exec("BEGIN IMMEDIATE; UPDATE purge_gate SET open = 1")) {
    s.exec("ROLLBACK");
    return s.failure("begin the purge");
  }
  sqlite3_prepare_v2(s.db, "INSERT OR REPLACE INTO anchor VALUES(1, ?1, ?2)", -1, &statement,
                     nullptr);
  sqlite3_bind_int64(statement, 1, last);
  sqlite3_bind_blob(statement, 2, anchor_hash.data(), 32, SQLITE_TRANSIENT);
  bool ok = sqlite3_step(statement) == SQLITE_DONE;
  sqlite3_finalize(statement);
  sqlite3_prepare_v2(s.db, "DELETE FROM audit WHERE sequence <= ?1", -1, &statement, nullptr);
  sqlite3_bind_int64(statement, 1, last);
  ok = ok && sqlite3_step(statement) == SQLITE_DONE;
  const auto removed = static_cast<std::size_t>(sqlite3_changes(s.db));
  sqlite3_finalize(statement);
  if (!ok || !s.exec("UPDATE purge_gate SET open = 0; COMMIT")) {
    s.exec("ROLLBACK");
    return s.failure("purge");
  }
  return removed;
}

Result<bool> AuditLog::claim_notice(const std::string& event_id) {
  State& s = *state_;
  const std::lock_guard guard(s.lock);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(s.db, "INSERT OR IGNORE INTO notice VALUES(?1)", -1, &statement, nullptr);
  sqlite3_bind_text(statement, 1, event_id.data(), static_cast<int>(event_id.size()),
                    SQLITE_TRANSIENT);
  const int rc = sqlite3_step(statement);
  sqlite3_finalize(statement);
  if (rc != SQLITE_DONE) {
    return s.failure("record the notice");
  }
  return sqlite3_changes(s.db) == 1;
}

std::string mask_identifier(std::string_view text) {
  if (text.size() <= 4) {
    return std::string(text.size(), '*');
  }
  const std::size_t keep_front = text.size() >= 8 ? 3 : 1;
  const std::size_t keep_back = 2;
  std::string masked(text);
  for (std::size_t i = keep_front; i < text.size() - keep_back; ++i) {
    masked[i] = '*';
  }
  return masked;
}

Status NoticeDispatcher::notify(Notice notice) {
  auto first = log_.claim_notice(notice.event_id);
  if (!first) {
    return std::unexpected(first.error());
  }
  if (!*first) {
    return {};  // already sent for this event
  }
  notice.user = mask_identifier(notice.user);
  if (auto sent = notifier_.send(notice); !sent) {
    return sent;
  }
  auto logged = log_.append({AuditKind::kNotice, "etauth", notice.event_id,
                             notice.kind == Notice::Kind::kLogin ? "login notice" : "trade notice",
                             notice.at});
  if (!logged) {
    return std::unexpected(logged.error());
  }
  return {};
}

}  // namespace etauth
