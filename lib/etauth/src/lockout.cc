#include "etauth/lockout.h"

#include <algorithm>

#include "unicode.h"

namespace etauth {

Result<std::string> canonical_account_key(std::string_view user) {
  return detail::normalize_utf8(user, detail::Normalization::kNfkcCasefold, 256, "the login id");
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

Status Lockout::refuse_locked(AuditKind kind, std::string_view key, std::string detail) {
  if (auto logged = record(kind, key, std::move(detail)); !logged) {
    return logged;
  }
  return error(Errc::kLocked, "the account is locked; identity verification unlocks it");
}

Status Lockout::throttle(std::string_view user, std::string_view source) {
  const std::lock_guard guard(throttle_lock_);
  const auto now = clock_.now();
  const std::string key(source);
  auto found = sources_.find(key);
  if (found == sources_.end()) {
    // Full: forget the oldest source first (the per-account lock still
    // holds whatever the throttle forgets).
    while (sources_.size() >= policy_.max_sources && !source_order_.empty()) {
      sources_.erase(source_order_.front());
      source_order_.pop_front();
    }
    found = sources_.emplace(key, Budget{now, 0}).first;
    source_order_.push_back(key);
  }
  Budget& budget = found->second;
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
  return {};
}

Status Lockout::before_password(std::string_view user, std::string_view source) {
  auto key = canonical_account_key(user);
  if (!key) {
    return std::unexpected(key.error());
  }
  if (auto allowed = throttle(*key, source); !allowed) {
    return allowed;
  }
  const auto now =
      std::chrono::floor<std::chrono::seconds>(clock_.now()).time_since_epoch().count();
  auto reserved = store_.reserve(*key, policy_.threshold, now, policy_.attempt_lease.count());
  if (!reserved) {
    return std::unexpected(reserved.error());
  }
  if (*reserved == Reservation::kLocked) {
    return refuse_locked(AuditKind::kLoginFailure, *key, "refused: the account is locked");
  }
  if (*reserved == Reservation::kBusy) {
    if (auto logged = record(AuditKind::kLoginFailure, *key,
                             "refused: as many attempts in flight as the lock has room for");
        !logged) {
      return logged;
    }
    return error(Errc::kThrottled, "too many attempts on this account at once; try again later");
  }
  return {};
}

Status Lockout::count_failure(const std::string& key, std::string_view what) {
  auto state = store_.add_failure(key, policy_.threshold);
  if (!state) {
    return std::unexpected(state.error());
  }
  if (auto logged =
          record(AuditKind::kLoginFailure, key,
                 std::string(what) + ", " + std::to_string(state->failures) + " in a row");
      !logged) {
    return logged;
  }
  if (state->locked) {
    return refuse_locked(AuditKind::kLock, key, "locked after failed logins");
  }
  return error(Errc::kBadCredential, "wrong login id or password");
}

Status Lockout::after_password(std::string_view user, bool correct) {
  auto key = canonical_account_key(user);
  if (!key) {
    return std::unexpected(key.error());
  }
  if (!correct) {
    return count_failure(*key, "wrong password");
  }
  auto state = store_.state(*key);
  if (!state) {
    return std::unexpected(state.error());
  }
  if (state->locked) {
    if (auto ended = store_.reset_unless_locked(*key); !ended) {  // ends the reservation
      return std::unexpected(ended.error());
    }
    return refuse_locked(AuditKind::kLoginFailure, *key,
                         "right password refused: the account is locked");
  }
  return record(AuditKind::kLogin, *key, "password verified; second factor next");
}

Status Lockout::after_second_factor(std::string_view user, bool correct) {
  auto key = canonical_account_key(user);
  if (!key) {
    return std::unexpected(key.error());
  }
  if (!correct) {
    return count_failure(*key, "wrong second factor");
  }
  auto locked = store_.reset_unless_locked(*key);
  if (!locked) {
    return std::unexpected(locked.error());
  }
  if (*locked) {
    return refuse_locked(AuditKind::kLoginFailure, *key,
                         "right second factor refused: the account is locked");
  }
  return record(AuditKind::kLogin, *key, "login succeeded");
}

Status Lockout::unlock(std::string_view user, const UnlockProof& proof) {
  auto key = canonical_account_key(user);
  if (!key) {
    return std::unexpected(key.error());
  }
  // The proof's existence is the check: only a verified OTP or a recorded
  // in-person check makes one; the trail keeps which.
  if (auto unlocked = store_.unlock(*key); !unlocked) {
    return unlocked;
  }
  return record(AuditKind::kUnlock, *key, proof.description());
}

}  // namespace etauth
