#include "etauth/audit.h"

#include <algorithm>
#include <tuple>
#include <vector>

#include "audit_state.h"

namespace etauth {
namespace detail {
namespace {

void put_text(Bytes& out, std::string_view text) {
  put_be64(out, text.size());
  out.append(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

}  // namespace

Hash entry_hash(const Hash& previous, std::uint64_t sequence, const AuditEvent& event) {
  Bytes bytes(previous.begin(), previous.end());
  put_be64(bytes, sequence);
  bytes.push_back(static_cast<std::uint8_t>(event.kind));
  put_text(bytes, event.actor);
  put_text(bytes, event.subject);
  put_text(bytes, event.detail);
  put_be64(bytes, static_cast<std::uint64_t>(event.at.time_since_epoch().count()));
  return sha256(bytes);
}

Bytes checkpoint_message(std::uint64_t sequence, const Hash& hash) {
  Bytes message{'E', 'T', 'A', 'U', 'D', 'I', 'T', '1'};
  put_be64(message, sequence);
  message.append(hash.begin(), hash.end());
  return message;
}

Bytes anchor_message(std::uint64_t sequence, const Hash& hash, std::int64_t purged_at,
                     std::int64_t last_purged_at) {
  Bytes message{'E', 'T', 'A', 'N', 'C', 'H', 'R', '1'};
  put_be64(message, sequence);
  message.append(hash.begin(), hash.end());
  put_be64(message, static_cast<std::uint64_t>(purged_at));
  put_be64(message, static_cast<std::uint64_t>(last_purged_at));
  return message;
}

std::string purge_subject(std::uint64_t sequence) {
  return "through " + std::to_string(sequence);
}

Hash Statement::hash_column(int column) const {
  Hash hash{};
  if (sqlite3_column_bytes(statement_, column) == 32) {
    std::copy_n(static_cast<const std::uint8_t*>(sqlite3_column_blob(statement_, column)), 32,
                hash.begin());
  }
  return hash;
}

Bytes Statement::blob_column(int column) const {
  const auto* blob = static_cast<const std::uint8_t*>(sqlite3_column_blob(statement_, column));
  const auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement_, column));
  return blob == nullptr ? Bytes{} : Bytes(blob, size);
}

std::optional<StoredAnchor> read_anchor(sqlite3* db) {
  const Statement statement(
      db, "SELECT sequence, hash, purged_at, last_purged_at, signature FROM anchor WHERE id = 1");
  if (!statement.prepared() || statement.step() != SQLITE_ROW) {
    return std::nullopt;
  }
  return StoredAnchor{static_cast<std::uint64_t>(sqlite3_column_int64(statement.get(), 0)),
                      statement.hash_column(1), sqlite3_column_int64(statement.get(), 2),
                      sqlite3_column_int64(statement.get(), 3), statement.blob_column(4)};
}

}  // namespace detail

namespace {

using detail::Hash;
using detail::Statement;

// Version 2: signed anchors, purge entries, checkpoints that cannot be
// deleted, notices pending or sent.
constexpr int kSchemaVersion = 2;
constexpr std::chrono::seconds kNoticeLease{60};  // an interrupted send is retried after this

constexpr const char* kSchema =
    "PRAGMA journal_mode=WAL;"
    "CREATE TABLE IF NOT EXISTS audit(sequence INTEGER PRIMARY KEY, kind INTEGER NOT NULL, "
    "actor TEXT NOT NULL, subject TEXT NOT NULL, detail TEXT NOT NULL, at INTEGER NOT NULL, "
    "hash BLOB NOT NULL) STRICT;"
    "CREATE TABLE IF NOT EXISTS checkpoint(sequence INTEGER PRIMARY KEY, hash BLOB NOT NULL, "
    "signature BLOB NOT NULL) STRICT;"
    "CREATE TABLE IF NOT EXISTS anchor(id INTEGER PRIMARY KEY CHECK (id = 1), sequence INTEGER "
    "NOT NULL, hash BLOB NOT NULL, purged_at INTEGER NOT NULL, last_purged_at INTEGER NOT NULL, "
    "signature BLOB NOT NULL) STRICT;"
    "CREATE TABLE IF NOT EXISTS notice(event_id TEXT PRIMARY KEY, state TEXT NOT NULL "
    "CHECK (state IN ('sending', 'pending', 'sent')), since INTEGER NOT NULL) STRICT;"
    // Entries go only behind the anchor, which the purge moves first; the
    // anchor only moves forward; checkpoints are never changed or removed.
    "CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit "
    "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;"
    "CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit "
    "WHEN OLD.sequence > COALESCE((SELECT sequence FROM anchor WHERE id = 1), 0) "
    "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;"
    "CREATE TRIGGER IF NOT EXISTS anchor_forward BEFORE UPDATE ON anchor "
    "WHEN NEW.sequence <= OLD.sequence "
    "BEGIN SELECT RAISE(ABORT, 'the anchor only moves forward'); END;"
    "CREATE TRIGGER IF NOT EXISTS anchor_no_delete BEFORE DELETE ON anchor "
    "BEGIN SELECT RAISE(ABORT, 'the anchor stays'); END;"
    "CREATE TRIGGER IF NOT EXISTS checkpoint_no_update BEFORE UPDATE ON checkpoint "
    "BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;"
    "CREATE TRIGGER IF NOT EXISTS checkpoint_no_delete BEFORE DELETE ON checkpoint "
    "BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;";

std::int64_t seconds_of(const Clock& clock) {
  return std::chrono::floor<std::chrono::seconds>(clock.now()).time_since_epoch().count();
}

Status check_schema_version(const detail::SqliteFile& file) {
  const Statement version(file.db(), "PRAGMA user_version");
  const int found = version.step() == SQLITE_ROW ? sqlite3_column_int(version.get(), 0) : -1;
  if (found == kSchemaVersion) {
    return {};
  }
  const Statement tables(file.db(), "SELECT count(*) FROM sqlite_schema WHERE name = 'purge_gate'");
  if (found == 0 && tables.step() == SQLITE_ROW && sqlite3_column_int(tables.get(), 0) == 0) {
    file.exec("PRAGMA user_version = 2");
    return {};
  }
  return error(Errc::kStorage, "audit log: the file has format " + std::to_string(found) +
                                   "; this version reads format 2 (export and start a new trail)");
}

}  // namespace

AuditLog::AuditLog(std::unique_ptr<State> state) : state_(std::move(state)) {}

AuditLog::~AuditLog() {
  if (!close().has_value()) {
    // A destructor cannot report: the tail stays unsigned, and the next
    // open() refuses it until an operator adopts it.
  }
}

Result<std::unique_ptr<AuditLog>> AuditLog::open(const std::string& path, const PrivateKey& signer,
                                                 Clock& clock, AuditOptions options) {
  if (options.retention < kMinimumRetention) {
    return error(Errc::kPolicy, "Art. 37 keeps the audit trail at least five years");
  }
  if (options.checkpoint_every == 0) {
    return error(Errc::kInvalidArgument, "audit log: checkpoint_every must be at least 1");
  }
  auto file = detail::SqliteFile::open(path, "audit log", kSchema);
  if (!file) {
    return std::unexpected(file.error());
  }
  if (auto version = check_schema_version(**file); !version) {
    return std::unexpected(version.error());
  }
  // Never sign what this log did not write: the tail after the last valid
  // checkpoint must be empty, or adopted by a named operator.
  auto public_der = signer.public_der();
  auto public_key = public_der ? PublicKey::from_der(*public_der)
                               : Result<PublicKey>(std::unexpected(public_der.error()));
  if (!public_key) {
    return std::unexpected(public_key.error());
  }
  auto unsigned_entries = detail::unsigned_tail((*file)->db(), *public_key);
  if (!unsigned_entries) {
    return std::unexpected(unsigned_entries.error());
  }
  auto state = std::make_unique<State>();
  state->file = std::move(*file);
  state->db = state->file->db();
  state->signer = &signer;
  state->clock = &clock;
  state->options = options;
  if (const auto anchor = detail::read_anchor(state->db)) {
    state->last_sequence = anchor->sequence;
    state->last_hash = anchor->hash;
  }
  const Statement last(state->db,
                       "SELECT sequence, hash FROM audit ORDER BY sequence DESC LIMIT 1");
  if (last.step() == SQLITE_ROW) {
    state->last_sequence = static_cast<std::uint64_t>(sqlite3_column_int64(last.get(), 0));
    state->last_hash = last.hash_column(1);
  }
  state->last_checkpoint = state->last_sequence - *unsigned_entries;
  if (*unsigned_entries > 0) {
    if (options.adopt_unsigned_tail_by.empty()) {
      return error(Errc::kCrypto,
                   "audit log: entries " + std::to_string(state->last_checkpoint + 1) + " to " +
                       std::to_string(state->last_sequence) +
                       " are not covered by a signed checkpoint (a crash, or written behind the "
                       "log's back); review them, then open with adopt_unsigned_tail_by");
    }
    const std::string range =
        std::to_string(state->last_checkpoint + 1) + "-" + std::to_string(state->last_sequence);
    const std::lock_guard guard(state->lock);
    if (!state->append_locked(
            {AuditKind::kAdoption, options.adopt_unsigned_tail_by, range,
             "unsigned entries adopted after review",
             std::chrono::sys_seconds(std::chrono::seconds(seconds_of(clock)))})) {
      return state->failure("record the adoption");
    }
    if (auto signed_head = state->checkpoint_locked(); !signed_head) {
      return std::unexpected(signed_head.error());
    }
  }
  return std::unique_ptr<AuditLog>(new AuditLog(std::move(state)));
}

Result<std::uint64_t> AuditLog::State::append_locked(const AuditEvent& event) {
  const std::uint64_t sequence = last_sequence + 1;
  const Hash hash = detail::entry_hash(last_hash, sequence, event);
  const Statement statement(db, "INSERT INTO audit VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  sqlite3_stmt* s = statement.get();
  sqlite3_bind_int64(s, 1, static_cast<sqlite3_int64>(sequence));
  sqlite3_bind_int(s, 2, static_cast<int>(event.kind));
  sqlite3_bind_text(s, 3, event.actor.data(), static_cast<int>(event.actor.size()),
                    SQLITE_TRANSIENT);
  sqlite3_bind_text(s, 4, event.subject.data(), static_cast<int>(event.subject.size()),
                    SQLITE_TRANSIENT);
  sqlite3_bind_text(s, 5, event.detail.data(), static_cast<int>(event.detail.size()),
                    SQLITE_TRANSIENT);
  sqlite3_bind_int64(s, 6, event.at.time_since_epoch().count());
  sqlite3_bind_blob(s, 7, hash.data(), static_cast<int>(hash.size()), SQLITE_TRANSIENT);
  if (statement.step() != SQLITE_DONE) {
    return failure("append");
  }
  last_sequence = sequence;
  last_hash = hash;
  return sequence;
}

Status AuditLog::State::checkpoint_locked() {
  if (last_checkpoint == last_sequence) {
    return {};
  }
  auto signature = signer->sign(SignatureScheme::kEcdsaP256Sha256,
                                detail::checkpoint_message(last_sequence, last_hash));
  if (!signature) {
    return std::unexpected(signature.error());
  }
  const Statement statement(db, "INSERT OR IGNORE INTO checkpoint VALUES(?1, ?2, ?3)");
  sqlite3_bind_int64(statement.get(), 1, static_cast<sqlite3_int64>(last_sequence));
  sqlite3_bind_blob(statement.get(), 2, last_hash.data(), 32, SQLITE_TRANSIENT);
  sqlite3_bind_blob(statement.get(), 3, signature->data(), static_cast<int>(signature->size()),
                    SQLITE_TRANSIENT);
  if (statement.step() != SQLITE_DONE) {
    return failure("checkpoint");
  }
  last_checkpoint = last_sequence;
  return {};
}

Result<std::uint64_t> AuditLog::append(const AuditEvent& event) {
  State& s = *state_;
  const std::lock_guard guard(s.lock);
  auto sequence = s.append_locked(event);
  if (sequence && *sequence - s.last_checkpoint >= s.options.checkpoint_every) {
    if (auto signed_head = s.checkpoint_locked(); !signed_head) {
      return std::unexpected(signed_head.error());
    }
  }
  return sequence;
}

Status AuditLog::checkpoint() {
  const std::lock_guard guard(state_->lock);
  return state_->checkpoint_locked();
}

Status AuditLog::close() {
  return checkpoint();
}

AuditHead AuditLog::head() const {
  const std::lock_guard guard(state_->lock);
  return {state_->last_sequence, state_->last_hash};
}

Result<std::size_t> AuditLog::purge_before(std::chrono::sys_seconds cutoff) {
  State& s = *state_;
  const std::lock_guard guard(s.lock);
  const std::int64_t now = seconds_of(*s.clock);
  if (cutoff > std::chrono::sys_seconds(std::chrono::seconds(now)) - s.options.retention) {
    return error(Errc::kPolicy, "entries younger than the retention (five years or more) stay");
  }
  // The new anchor: the last entry that goes.
  detail::StoredAnchor anchor;
  {
    const Statement last(
        s.db, "SELECT sequence, hash, at FROM audit WHERE at < ?1 ORDER BY sequence DESC LIMIT 1");
    sqlite3_bind_int64(last.get(), 1, cutoff.time_since_epoch().count());
    if (last.step() != SQLITE_ROW) {
      return 0;
    }
    anchor.sequence = static_cast<std::uint64_t>(sqlite3_column_int64(last.get(), 0));
    anchor.hash = last.hash_column(1);
    anchor.last_purged_at = sqlite3_column_int64(last.get(), 2);
  }
  anchor.purged_at = now;
  auto signature = s.signer->sign(SignatureScheme::kEcdsaP256Sha256,
                                  detail::anchor_message(anchor.sequence, anchor.hash,
                                                         anchor.purged_at, anchor.last_purged_at));
  if (!signature) {
    return std::unexpected(signature.error());
  }
  const auto previous = std::pair(s.last_sequence, s.last_hash);
  const auto previous_checkpoint = s.last_checkpoint;
  const auto undo = [&](const char* what) {
    s.exec("ROLLBACK");
    std::tie(s.last_sequence, s.last_hash) = previous;
    s.last_checkpoint = previous_checkpoint;
    return s.failure(what);
  };
  if (!s.exec("BEGIN IMMEDIATE")) {
    return s.failure("begin the purge");
  }
  // The purge is an entry of the chain, signed with it.
  if (!s.append_locked({AuditKind::kPurge, "etauth", detail::purge_subject(anchor.sequence),
                        "entries before " + std::to_string(cutoff.time_since_epoch().count()),
                        std::chrono::sys_seconds(std::chrono::seconds(now))})) {
    return undo("record the purge");
  }
  if (!s.checkpoint_locked()) {
    return undo("sign the purge");
  }
  {
    const Statement store(s.db,
                          "INSERT INTO anchor VALUES(1, ?1, ?2, ?3, ?4, ?5) ON CONFLICT(id) DO "
                          "UPDATE SET sequence = ?1, hash = ?2, purged_at = ?3, "
                          "last_purged_at = ?4, signature = ?5");
    sqlite3_bind_int64(store.get(), 1, static_cast<sqlite3_int64>(anchor.sequence));
    sqlite3_bind_blob(store.get(), 2, anchor.hash.data(), 32, SQLITE_TRANSIENT);
    sqlite3_bind_int64(store.get(), 3, anchor.purged_at);
    sqlite3_bind_int64(store.get(), 4, anchor.last_purged_at);
    sqlite3_bind_blob(store.get(), 5, signature->data(), static_cast<int>(signature->size()),
                      SQLITE_TRANSIENT);
    if (store.step() != SQLITE_DONE) {
      return undo("move the anchor");
    }
  }
  std::size_t removed = 0;
  {
    const Statement remove(s.db, "DELETE FROM audit WHERE sequence <= ?1");
    sqlite3_bind_int64(remove.get(), 1, static_cast<sqlite3_int64>(anchor.sequence));
    if (remove.step() != SQLITE_DONE) {
      return undo("purge");
    }
    removed = static_cast<std::size_t>(sqlite3_changes(s.db));
  }
  if (!s.exec("COMMIT")) {
    return undo("commit the purge");
  }
  return removed;
}

Result<bool> AuditLog::claim_notice(const std::string& event_id) {
  State& s = *state_;
  const std::lock_guard guard(s.lock);
  const std::int64_t now = seconds_of(*s.clock);
  // New, pending, or sending for longer than the lease (a crash mid-send).
  const Statement claim(s.db,
                        "INSERT INTO notice VALUES(?1, 'sending', ?2) ON CONFLICT(event_id) DO "
                        "UPDATE SET state = 'sending', since = ?2 WHERE state = 'pending' OR "
                        "(state = 'sending' AND since <= ?3)");
  sqlite3_bind_text(claim.get(), 1, event_id.data(), static_cast<int>(event_id.size()),
                    SQLITE_TRANSIENT);
  sqlite3_bind_int64(claim.get(), 2, now);
  sqlite3_bind_int64(claim.get(), 3, now - kNoticeLease.count());
  if (claim.step() != SQLITE_DONE) {
    return s.failure("claim the notice");
  }
  return sqlite3_changes(s.db) == 1;
}

Status AuditLog::finish_notice(const std::string& event_id, bool sent) {
  State& s = *state_;
  const std::lock_guard guard(s.lock);
  const Statement finish(s.db, "UPDATE notice SET state = ?2 WHERE event_id = ?1");
  sqlite3_bind_text(finish.get(), 1, event_id.data(), static_cast<int>(event_id.size()),
                    SQLITE_TRANSIENT);
  sqlite3_bind_text(finish.get(), 2, sent ? "sent" : "pending", -1, SQLITE_STATIC);
  if (finish.step() != SQLITE_DONE) {
    return s.failure("record the notice");
  }
  return {};
}

std::string mask_identifier(std::string_view text) {
  // Split into UTF-8 characters (a stray continuation byte counts as one).
  std::vector<std::string_view> characters;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 1;
    while (i + length < text.size() &&
           (static_cast<unsigned char>(text[i + length]) & 0xC0U) == 0x80U) {
      ++length;
    }
    characters.push_back(text.substr(i, length));
    i += length;
  }
  const std::size_t count = characters.size();
  if (count <= 4) {
    return std::string(count, '*');
  }
  const std::size_t keep_front = count >= 8 ? 3 : 1;
  const std::size_t keep_back = 2;
  std::string masked;
  for (std::size_t i = 0; i < count; ++i) {
    if (i < keep_front || i >= count - keep_back) {
      masked.append(characters[i]);
    } else {
      masked.push_back('*');
    }
  }
  return masked;
}

Status NoticeDispatcher::notify(Notice notice) {
  auto mine = log_.claim_notice(notice.event_id);
  if (!mine) {
    return std::unexpected(mine.error());
  }
  if (!*mine) {
    return {};  // sent already, or being sent by another caller
  }
  notice.user = mask_identifier(notice.user);
  if (auto sent = notifier_.send(notice); !sent) {
    // Pending again: the next call retries (if even that cannot be written,
    // it stays "sending" and is retried after the lease).
    if (auto released = log_.finish_notice(notice.event_id, false); !released) {
      return released;
    }
    return sent;
  }
  if (auto kept = log_.finish_notice(notice.event_id, true); !kept) {
    return kept;
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
