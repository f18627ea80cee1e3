#include "etauth/lockout.h"

#include <sqlite3.h>

#include <algorithm>

#include "sqlite_file.h"

namespace etauth {

Result<LockState> MemoryLockoutStore::add_failure(std::string_view user, int threshold) {
  const std::lock_guard guard(lock_);
  LockState& state = accounts_[std::string(user)];
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
  if (!found->second.locked) {
    found->second.failures = 0;
  }
  return found->second.locked;
}

Result<LockState> MemoryLockoutStore::state(std::string_view user) {
  const std::lock_guard guard(lock_);
  const auto found = accounts_.find(std::string(user));
  return found == accounts_.end() ? LockState{} : found->second;
}

Status MemoryLockoutStore::unlock(std::string_view user) {
  const std::lock_guard guard(lock_);
  accounts_[std::string(user)] = LockState{};
  return {};
}

struct SqliteLockoutStore::State {
  std::unique_ptr<detail::SqliteFile> file;
  std::mutex lock;  // one connection; SQLite makes each statement atomic across connections

  std::unexpected<Error> failure(const char* what) const { return file->failure(what); }

  // Runs one statement binding `user` (and `threshold`), reading one row of
  // (failures, locked) when it returns one.
  Result<std::optional<LockState>> run(const char* sql, std::string_view user, int threshold) {
    const std::lock_guard guard(lock);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(file->db(), sql, -1, &statement, nullptr) != SQLITE_OK) {
      return failure("prepare");
    }
    sqlite3_bind_text(statement, 1, user.data(), static_cast<int>(user.size()), SQLITE_TRANSIENT);
    if (sqlite3_bind_parameter_count(statement) >= 2) {
      sqlite3_bind_int(statement, 2, threshold);
    }
    std::optional<LockState> row;
    int rc = sqlite3_step(statement);
    if (rc == SQLITE_ROW) {
      row = LockState{sqlite3_column_int(statement, 0), sqlite3_column_int(statement, 1) != 0};
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
      "locked INTEGER NOT NULL) STRICT;");
  if (!file) {
    return std::unexpected(file.error());
  }
  auto state = std::make_unique<State>();
  state->file = std::move(*file);
  return std::unique_ptr<SqliteLockoutStore>(new SqliteLockoutStore(std::move(state)));
}

Result<LockState> SqliteLockoutStore::add_failure(std::string_view user, int threshold) {
  auto row = state_->run(
      "INSERT INTO lockout(user, failures, locked) VALUES(?1, 1, 1 >= ?2) "
      "ON CONFLICT(user) DO UPDATE SET "
      "failures = CASE WHEN locked THEN failures ELSE failures + 1 END, "
      "locked = CASE WHEN locked THEN 1 ELSE failures + 1 >= ?2 END "
      "RETURNING failures, locked",
      user, threshold);
  if (!row) {
    return std::unexpected(row.error());
  }
  return row->value_or(LockState{});
}

Result<bool> SqliteLockoutStore::reset_unless_locked(std::string_view user) {
  auto row = state_->run(
      "UPDATE lockout SET failures = CASE WHEN locked THEN failures ELSE 0 END WHERE user = ?1 "
      "RETURNING failures, locked",
      user, 0);
  if (!row) {
    return std::unexpected(row.error());
  }
  return row->value_or(LockState{}).locked;
}

Result<LockState> SqliteLockoutStore::state(std::string_view user) {
  auto row = state_->run("SELECT failures, locked FROM lockout WHERE user = ?1", user, 0);
  if (!row) {
    return std::unexpected(row.error());
  }
  return row->value_or(LockState{});
}

Status SqliteLockoutStore::unlock(std::string_view user) {
  auto row = state_->run("UPDATE lockout SET failures = 0, locked = 0 WHERE user = ?1", user, 0);
  if (!row) {
    return std::unexpected(row.error());
  }
  return {};
}

Result<UnlockProof> UnlockProof::from_otp(std::span<const std::uint8_t> registered_seed,
                                          std::string_view code, std::chrono::sys_seconds now,
                                          std::optional<std::uint64_t> last_step,
                                          const TotpSettings& settings) {
  auto step = verify_totp(registered_seed, code, now, last_step, settings);
  if (!step) {
    return std::unexpected(step.error());
  }
  UnlockProof proof("one-time password to the registered device, step " + std::to_string(*step));
  proof.otp_step_ = *step;
  return proof;
}

Result<UnlockProof> UnlockProof::in_person(std::string_view operator_id,
                                           std::string_view record_id) {
  if (operator_id.empty() || record_id.empty()) {
    return error(Errc::kInvalidArgument,
                 "an in-person identity check needs the operator and the record of the check");
  }
  return UnlockProof("in-person identity check " + std::string(record_id) + " by " +
                     std::string(operator_id));
}

Lockout::Lockout(LockoutStore& store, Clock& clock, LockoutPolicy policy, AuditLog* audit)
    : store_(store), clock_(clock), policy_(policy), audit_(audit) {}

Status Lockout::record(AuditKind kind, std::string_view user, std::string detail) {
  if (audit_ == nullptr) {
    return {};
  }
  auto appended = audit_->append({kind, std::string(user), std::string(user), std::move(detail),
                                  std::chrono::floor<std::chrono::seconds>(clock_.now())});
  if (!appended) {
    return std::unexpected(appended.error());
  }
  return {};
}

Status Lockout::before_password(std::string_view user, std::string_view source) {
  {
    const std::lock_guard guard(throttle_lock_);
    const auto now = clock_.now();
    if (sources_.size() >= policy_.max_sources) {
      std::erase_if(sources_, [&](const auto& entry) {
        return now - entry.second.start >= policy_.source_window;
      });
    }
    if (sources_.size() < policy_.max_sources || sources_.contains(std::string(source))) {
      Budget& budget = sources_[std::string(source)];
      if (now - budget.start >= policy_.source_window) {
        budget = Budget{now, 0};
      }
      if (++budget.attempts > policy_.source_attempts) {
        if (auto logged =
                record(AuditKind::kLoginFailure, user, "throttled: the source's budget is spent");
            !logged) {
          return logged;
        }
        return error(Errc::kThrottled, "too many attempts from this source; try again later");
      }
    } else {
      if (auto logged = record(AuditKind::kLoginFailure, user, "throttled: too many sources");
          !logged) {
        return logged;
      }
      return error(Errc::kThrottled, "too many sources are trying; try again later");
    }
  }
  auto state = store_.state(user);
  if (!state) {
    return std::unexpected(state.error());
  }
  if (state->locked) {
    if (auto logged = record(AuditKind::kLoginFailure, user, "refused: the account is locked");
        !logged) {
      return logged;
    }
    return error(Errc::kLocked, "the account is locked; identity verification unlocks it");
  }
  return {};
}

Status Lockout::after_password(std::string_view user, bool correct) {
  if (correct) {
    auto locked = store_.reset_unless_locked(user);
    if (!locked) {
      return std::unexpected(locked.error());
    }
    if (*locked) {
      if (auto logged = record(AuditKind::kLoginFailure, user,
                               "right password refused: the account is locked");
          !logged) {
        return logged;
      }
      return error(Errc::kLocked, "the account is locked; identity verification unlocks it");
    }
    return record(AuditKind::kLogin, user, "password verified");
  }
  auto state = store_.add_failure(user, policy_.threshold);
  if (!state) {
    return std::unexpected(state.error());
  }
  if (auto logged = record(AuditKind::kLoginFailure, user,
                           "wrong password, " + std::to_string(state->failures) + " in a row");
      !logged) {
    return logged;
  }
  if (state->locked) {
    if (auto logged = record(AuditKind::kLock, user, "locked after wrong passwords"); !logged) {
      return logged;
    }
    return error(Errc::kLocked, "the account is locked; identity verification unlocks it");
  }
  return error(Errc::kBadCredential, "wrong login id or password");
}

Status Lockout::unlock(std::string_view user, const UnlockProof& proof) {
  // The proof's existence is the check: only a verified OTP or a recorded
  // in-person check makes one; the trail keeps which.
  if (auto unlocked = store_.unlock(user); !unlocked) {
    return unlocked;
  }
  return record(AuditKind::kUnlock, user, proof.description());
}

}  // namespace etauth
