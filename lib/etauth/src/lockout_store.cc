// The two reference lockout stores: in memory, and in SQLite.
#include <sqlite3.h>

#include "etauth/lockout.h"
#include "sqlite_file.h"

namespace etauth {

Result<Reservation> MemoryLockoutStore::reserve(std::string_view user, int threshold,
                                                std::int64_t now, std::int64_t lease) {
  const std::lock_guard guard(lock_);
  Account& account = accounts_[std::string(user)];
  if (account.state.locked) {
    return Reservation::kLocked;
  }
  if (account.reserved_at < now - lease) {
    account.state.in_flight = 0;  // reservations of callers that never finished
  }
  if (account.state.failures + account.state.in_flight >= threshold) {
    return Reservation::kBusy;
  }
  ++account.state.in_flight;
  account.reserved_at = now;
  return Reservation::kReserved;
}

Result<LockState> MemoryLockoutStore::add_failure(std::string_view user, int threshold) {
  const std::lock_guard guard(lock_);
  LockState& state = accounts_[std::string(user)].state;
  state.in_flight = std::max(0, state.in_flight - 1);
  if (!state.locked) {
    ++state.failures;
    state.locked = state.failures >= threshold;
  }
  return state;
}

Result<bool> MemoryLockoutStore::reset_unless_locked(std::string_view user) {
  const std::lock_guard guard(lock_);
  const auto found = accounts_.find(std::string(user));
  if (found == accounts_.end()) {
    return false;
  }
  LockState& state = found->second.state;
  state.in_flight = std::max(0, state.in_flight - 1);
  if (!state.locked) {
    state.failures = 0;
  }
  return state.locked;
}

Result<LockState> MemoryLockoutStore::state(std::string_view user) {
  const std::lock_guard guard(lock_);
  const auto found = accounts_.find(std::string(user));
  return found == accounts_.end() ? LockState{} : found->second.state;
}

Status MemoryLockoutStore::unlock(std::string_view user) {
  const std::lock_guard guard(lock_);
  accounts_[std::string(user)] = Account{};
  return {};
}

struct SqliteLockoutStore::State {
  std::unique_ptr<detail::SqliteFile> file;
  std::mutex lock;  // one connection; SQLite makes each statement atomic across connections

  std::unexpected<Error> failure(const char* what) const { return file->failure(what); }

  // Runs one statement binding `user`, then the integers in order, reading
  // one row of (failures, locked, in_flight) when it returns one.
  Result<std::optional<LockState>> run(const char* sql, std::string_view user,
                                       std::initializer_list<std::int64_t> numbers = {}) {
    const std::lock_guard guard(lock);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(file->db(), sql, -1, &statement, nullptr) != SQLITE_OK) {
      return failure("prepare");
    }
    sqlite3_bind_text(statement, 1, user.data(), static_cast<int>(user.size()), SQLITE_TRANSIENT);
    int index = 2;
    for (const std::int64_t number : numbers) {
      sqlite3_bind_int64(statement, index++, number);
    }
    std::optional<LockState> row;
    int rc = sqlite3_step(statement);
    if (rc == SQLITE_ROW) {
      row = LockState{sqlite3_column_int(statement, 0), sqlite3_column_int(statement, 2),
                      sqlite3_column_int(statement, 1) != 0};
      rc = sqlite3_step(statement);
    }
    sqlite3_finalize(statement);
    if (rc != SQLITE_DONE) {
      return failure("step");
    }
    return row;
  }
};

SqliteLockoutStore::SqliteLockoutStore(std::unique_ptr<State> state) : state_(std::move(state)) {}
SqliteLockoutStore::~SqliteLockoutStore() = default;

Result<std::unique_ptr<SqliteLockoutStore>> SqliteLockoutStore::open(const std::string& path) {
  auto file = detail::SqliteFile::open(
      path, "lockout store",
      "PRAGMA journal_mode=WAL;"
      "CREATE TABLE IF NOT EXISTS lockout(user TEXT PRIMARY KEY, failures INTEGER NOT NULL, "
      "locked INTEGER NOT NULL, in_flight INTEGER NOT NULL DEFAULT 0, "
      "reserved_at INTEGER NOT NULL DEFAULT 0) STRICT;");
  if (!file) {
    return std::unexpected(file.error());
  }
  // Files from before reservations: add the columns (an error means they exist).
  (*file)->exec("ALTER TABLE lockout ADD COLUMN in_flight INTEGER NOT NULL DEFAULT 0");
  (*file)->exec("ALTER TABLE lockout ADD COLUMN reserved_at INTEGER NOT NULL DEFAULT 0");
  auto state = std::make_unique<State>();
  state->file = std::move(*file);
  return std::unique_ptr<SqliteLockoutStore>(new SqliteLockoutStore(std::move(state)));
}

Result<Reservation> SqliteLockoutStore::reserve(std::string_view user, int threshold,
                                                std::int64_t now, std::int64_t lease) {
  // One statement: the in-flight count after expiry is
  // `CASE WHEN reserved_at < now - lease THEN 0 ELSE in_flight END`; the row
  // changes only when the attempt is granted, so RETURNING tells which.
  auto row = state_->run(
      "INSERT INTO lockout(user, failures, locked, in_flight, reserved_at) "
      "VALUES(?1, 0, 0, 1, ?3) "
      "ON CONFLICT(user) DO UPDATE SET "
      "in_flight = (CASE WHEN reserved_at < ?3 - ?4 THEN 0 ELSE in_flight END) + 1, "
      "reserved_at = ?3 "
      "WHERE NOT locked AND failures + (CASE WHEN reserved_at < ?3 - ?4 THEN 0 ELSE in_flight END) "
      "< ?2 "
      "RETURNING failures, locked, in_flight",
      user, {threshold, now, lease});
  if (!row) {
    return std::unexpected(row.error());
  }
  if (row->has_value()) {
    return Reservation::kReserved;
  }
  auto current = state(user);
  if (!current) {
    return std::unexpected(current.error());
  }
  return current->locked ? Reservation::kLocked : Reservation::kBusy;
}

Result<LockState> SqliteLockoutStore::add_failure(std::string_view user, int threshold) {
  auto row = state_->run(
      "INSERT INTO lockout(user, failures, locked) VALUES(?1, 1, 1 >= ?2) "
      "ON CONFLICT(user) DO UPDATE SET "
      "in_flight = max(in_flight - 1, 0), "
      "failures = CASE WHEN locked THEN failures ELSE failures + 1 END, "
      "locked = CASE WHEN locked THEN 1 ELSE failures + 1 >= ?2 END "
      "RETURNING failures, locked, in_flight",
      user, {threshold});
  if (!row) {
    return std::unexpected(row.error());
  }
  return row->value_or(LockState{});
}

Result<bool> SqliteLockoutStore::reset_unless_locked(std::string_view user) {
  auto row = state_->run(
      "UPDATE lockout SET in_flight = max(in_flight - 1, 0), "
      "failures = CASE WHEN locked THEN failures ELSE 0 END WHERE user = ?1 "
      "RETURNING failures, locked, in_flight",
      user);
  if (!row) {
    return std::unexpected(row.error());
  }
  return row->value_or(LockState{}).locked;
}

Result<LockState> SqliteLockoutStore::state(std::string_view user) {
  auto row = state_->run("SELECT failures, locked, in_flight FROM lockout WHERE user = ?1", user);
  if (!row) {
    return std::unexpected(row.error());
  }
  return row->value_or(LockState{});
}

Status SqliteLockoutStore::unlock(std::string_view user) {
  auto row = state_->run(
      "UPDATE lockout SET failures = 0, locked = 0, in_flight = 0 WHERE user = ?1", user);
  if (!row) {
    return std::unexpected(row.error());
  }
  return {};
}

}  // namespace etauth
