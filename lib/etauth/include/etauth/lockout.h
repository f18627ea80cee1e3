// Account lockout (Art. 36(5)): five failed logins in a row lock the
// account — a wrong password or a wrong second factor, each counts — however
// many logins race: before the password is checked an attempt is reserved,
// and no more attempts are let through than the lock has room for (failures
// + attempts in flight < threshold), so 40 concurrent guesses against a
// threshold of 5 check at most five passwords. The count is reset only when
// the whole login succeeded. A locked account refuses even the right
// password; only a proof of identity unlocks it (a fresh OTP to a registered
// device, or an in-person check recorded with the operator), never the
// passing of time. A per-source throttle runs before the password is checked
// and does not count toward the five.
//
// Accounts are keyed by canonical_account_key(): NFKC with case folding, so
// "A123456789", "a123456789" and the full-width "Ａ１２３４５６７８９" are one
// account. A host whose login ids are case-sensitive should pass its
// immutable account id instead of what the user typed.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "etauth/audit.h"
#include "etauth/environment.h"
#include "etauth/error.h"
#include "etauth/otp.h"

namespace etauth {

// The account key lock state is kept under: NFKC + case fold of the UTF-8
// login id; kInvalidArgument when it is not UTF-8 or longer than 256 bytes.
Result<std::string> canonical_account_key(std::string_view user);

struct LockState {
  int failures = 0;   // failed logins since the last success or unlock
  int in_flight = 0;  // attempts reserved and not finished (within the lease)
  bool locked = false;
};

enum class Reservation { kReserved, kLocked, kBusy };

// Where lock state lives. Each call is one atomic step, across threads and
// (for the SQLite store) processes.
class LockoutStore {
 public:
  virtual ~LockoutStore() = default;
  // Unless locked: when failures + attempts in flight < threshold, one more
  // attempt is in flight. Reservations older than `lease` seconds (a caller
  // that never finished) no longer count. Times in seconds since the epoch.
  virtual Result<Reservation> reserve(std::string_view user, int threshold, std::int64_t now,
                                      std::int64_t lease) = 0;
  // An attempt ends as a failure: unless locked, failures + 1, locked when it
  // reaches `threshold`. The state after.
  virtual Result<LockState> add_failure(std::string_view user, int threshold) = 0;
  // An attempt ends as a success: unless locked, failures = 0. Returns
  // whether the account is locked.
  virtual Result<bool> reset_unless_locked(std::string_view user) = 0;
  virtual Result<LockState> state(std::string_view user) = 0;
  virtual Status unlock(std::string_view user) = 0;
};

class MemoryLockoutStore final : public LockoutStore {
 public:
  Result<Reservation> reserve(std::string_view user, int threshold, std::int64_t now,
                              std::int64_t lease) override;
  Result<LockState> add_failure(std::string_view user, int threshold) override;
  Result<bool> reset_unless_locked(std::string_view user) override;
  Result<LockState> state(std::string_view user) override;
  Status unlock(std::string_view user) override;

 private:
  struct Account {
    LockState state;
    std::int64_t reserved_at = 0;
  };
  std::mutex lock_;
  std::unordered_map<std::string, Account> accounts_;
};

// The reference store in SQLite: one upsert ... returning per step, so the
// step is atomic across threads and processes sharing the file.
class SqliteLockoutStore final : public LockoutStore {
 public:
  static Result<std::unique_ptr<SqliteLockoutStore>> open(const std::string& path);
  ~SqliteLockoutStore() override;
  SqliteLockoutStore(const SqliteLockoutStore&) = delete;
  SqliteLockoutStore& operator=(const SqliteLockoutStore&) = delete;
  SqliteLockoutStore(SqliteLockoutStore&&) = delete;
  SqliteLockoutStore& operator=(SqliteLockoutStore&&) = delete;

  Result<Reservation> reserve(std::string_view user, int threshold, std::int64_t now,
                              std::int64_t lease) override;
  Result<LockState> add_failure(std::string_view user, int threshold) override;
  Result<bool> reset_unless_locked(std::string_view user) override;
  Result<LockState> state(std::string_view user) override;
  Status unlock(std::string_view user) override;

 private:
  struct State;
  explicit SqliteLockoutStore(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// What may unlock an account: made only by the checks below.
class UnlockProof {
 public:
  // A fresh TOTP from the device registered to the account.
  static Result<UnlockProof> from_otp(std::span<const std::uint8_t> registered_seed,
                                      std::string_view code, std::chrono::sys_seconds now,
                                      std::optional<std::uint64_t> last_step,
                                      const TotpSettings& settings = {});
  // An identity check in person (branch, KYC): who checked and the record of it.
  static Result<UnlockProof> in_person(std::string_view operator_id, std::string_view record_id);

  const std::string& description() const { return description_; }
  std::optional<std::uint64_t> otp_step() const { return otp_step_; }

 private:
  explicit UnlockProof(std::string description) : description_(std::move(description)) {}
  std::string description_;
  std::optional<std::uint64_t> otp_step_;
};

struct LockoutPolicy {
  int threshold = 5;         // Art. 36(5)
  int source_attempts = 30;  // per source per window, before the password check
  std::chrono::seconds source_window{60};
  // Throttle memory bound: when full, the oldest source is forgotten (never
  // every new source refused).
  std::size_t max_sources = 100'000;
  std::chrono::seconds attempt_lease{300};  // a reserved attempt never finished stops counting
};

class Lockout {
 public:
  // With `audit`, every step goes to the audit trail (Art. 37): each
  // refusal, each password check, each lock and unlock; a step whose record
  // cannot be written fails (kStorage) rather than go unrecorded.
  Lockout(LockoutStore& store, Clock& clock, LockoutPolicy policy = {}, AuditLog* audit = nullptr);

  // Before the password is checked, reserves the attempt: kThrottled when the
  // source is over its budget or the account has as many attempts in flight
  // as the lock has room for (neither counted toward the lock), kLocked when
  // the account is locked.
  Status before_password(std::string_view user, std::string_view source);
  // After: a wrong password is counted (kBadCredential, or kLocked when it was
  // the one that locked). A right one counts nothing yet: the attempt stays
  // reserved for the second factor (kLocked if the account got locked meanwhile).
  Status after_password(std::string_view user, bool correct);
  // After the second factor: a wrong one is counted like a wrong password; a
  // right one completes the login and resets the count (kLocked if the
  // account got locked meanwhile).
  Status after_second_factor(std::string_view user, bool correct);
  Status unlock(std::string_view user, const UnlockProof& proof);

 private:
  Status record(AuditKind kind, std::string_view user, std::string detail);
  Status throttle(std::string_view user, std::string_view source);
  Status count_failure(const std::string& key, std::string_view what);
  // Records `detail` and returns kLocked.
  Status refuse_locked(AuditKind kind, std::string_view key, std::string detail);
  LockoutStore& store_;
  Clock& clock_;
  LockoutPolicy policy_;
  AuditLog* audit_;
  struct Budget {
    std::chrono::system_clock::time_point start;
    int attempts = 0;
  };
  std::mutex throttle_lock_;
  std::unordered_map<std::string, Budget> sources_;
  std::deque<std::string> source_order_;  // oldest first, for forgetting when full
};

}  // namespace etauth
