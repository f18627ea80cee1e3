// Account lockout (Art. 36(5)): five wrong passwords in a row lock the
// account, atomically however many logins race; a locked account refuses
// even the right password; only a proof of identity unlocks it (a fresh OTP
// to a registered device, or an in-person check recorded with the operator),
// never the passing of time. A per-source throttle runs before the password
// is checked and does not count toward the five.
#pragma once

#include <chrono>
#include <cstdint>
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

struct LockState {
  int failures = 0;  // wrong passwords since the last success or unlock
  bool locked = false;
};

// Where lock state lives. Each call is one atomic step.
class LockoutStore {
 public:
  virtual ~LockoutStore() = default;
  // Unless locked: failures + 1, locked when it reaches `threshold`. The state after.
  virtual Result<LockState> add_failure(std::string_view user, int threshold) = 0;
  // Unless locked: failures = 0. Returns whether the account is locked.
  virtual Result<bool> reset_unless_locked(std::string_view user) = 0;
  virtual Result<LockState> state(std::string_view user) = 0;
  virtual Status unlock(std::string_view user) = 0;
};

class MemoryLockoutStore final : public LockoutStore {
 public:
  Result<LockState> add_failure(std::string_view user, int threshold) override;
  Result<bool> reset_unless_locked(std::string_view user) override;
  Result<LockState> state(std::string_view user) override;
  Status unlock(std::string_view user) override;

 private:
  std::mutex lock_;
  std::unordered_map<std::string, LockState> accounts_;
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
  std::size_t max_sources = 100'000;  // throttle memory bound
};

class Lockout {
 public:
  // With `audit`, every step goes to the audit trail (Art. 37): each
  // refusal, each password check, each lock and unlock; a step whose record
  // cannot be written fails (kStorage) rather than go unrecorded.
  Lockout(LockoutStore& store, Clock& clock, LockoutPolicy policy = {}, AuditLog* audit = nullptr);

  // Before the password is checked: kThrottled when the source is over its
  // budget (not counted toward the lock), kLocked when the account is locked.
  Status before_password(std::string_view user, std::string_view source);
  // After: a wrong password is counted (kBadCredential, or kLocked when it was
  // the one that locked); a right one resets the count unless the account
  // got locked meanwhile (kLocked).
  Status after_password(std::string_view user, bool correct);
  Status unlock(std::string_view user, const UnlockProof& proof);

 private:
  Status record(AuditKind kind, std::string_view user, std::string detail);
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
};

}  // namespace etauth
