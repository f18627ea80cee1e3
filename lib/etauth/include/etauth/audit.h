// Art. 37: the audit trail and the owner's notices.
//
// AuditLog is an append-only, hash-chained record of every authentication
// event, personal-data access, lock, unlock and order signature: each entry's
// hash covers the previous one, so a changed, removed or reordered entry
// breaks the chain; checkpoints sign (sequence, hash) with the firm's key, so
// the chain cannot be rebuilt by someone who can only write the file. The
// file refuses UPDATE and DELETE; entries are purged only once older than the
// retention (at least five years), and the hash of the last purged entry is
// kept as the anchor the chain continues from.
//
// NoticeDispatcher tells the owner of every successful login and every trade
// exactly once (per event id, across restarts: the audit file remembers),
// with the identifiers masked and never a secret.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "etauth/crypto.h"
#include "etauth/environment.h"
#include "etauth/error.h"

namespace etauth {

enum class AuditKind : std::uint8_t {
  kLogin = 1,
  kLoginFailure = 2,
  kPersonalDataAccess = 3,
  kLock = 4,
  kUnlock = 5,
  kOrderSignature = 6,
  kNotice = 7,
};

struct AuditEvent {
  AuditKind kind = AuditKind::kLogin;
  std::string actor;    // who acted: the user, or the operator
  std::string subject;  // what it concerned: the account, the record, the order id
  std::string detail;   // never a password, code, seed or key
  std::chrono::sys_seconds at{};
};

inline constexpr std::chrono::days kMinimumRetention{5 * 365 + 1};  // five years

class AuditLog {
 public:
  // `signer` signs the checkpoints; `retention` below five years is refused.
  static Result<std::unique_ptr<AuditLog>> open(const std::string& path, const PrivateKey& signer,
                                                Clock& clock,
                                                std::chrono::days retention = kMinimumRetention);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;
  AuditLog(AuditLog&&) = delete;
  AuditLog& operator=(AuditLog&&) = delete;

  // The entry's sequence number. Thread-safe.
  Result<std::uint64_t> append(const AuditEvent& event);
  // Signs the chain's head.
  Status checkpoint();
  // Recomputes the chain from its anchor and checks every checkpoint's
  // signature; kCrypto naming the first entry that does not fit.
  Status verify(const PublicKey& signer) const;
  // Removes entries older than `cutoff`; kPolicy when `cutoff` is within the
  // retention. Returns how many went.
  Result<std::size_t> purge_before(std::chrono::sys_seconds cutoff);

  // Records `event_id` as notified; false when it already was (for NoticeDispatcher).
  Result<bool> claim_notice(const std::string& event_id);

 private:
  struct State;
  explicit AuditLog(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// An identifier with its middle hidden: "A123456789" -> "A12*****89".
std::string mask_identifier(std::string_view text);

struct Notice {
  enum class Kind { kLogin, kTrade } kind = Kind::kLogin;
  std::string event_id;
  std::string user;     // masked by the dispatcher before it goes out
  std::string summary;  // e.g. "login from 203.0.113.*" or "BUY 2330 x1000"
  std::chrono::sys_seconds at{};
};

// Where notices go (SMS, push, e-mail): the host application implements it.
class Notifier {
 public:
  virtual ~Notifier() = default;
  virtual Status send(const Notice& notice) = 0;
};

class NoticeDispatcher {
 public:
  NoticeDispatcher(AuditLog& log, Notifier& notifier) : log_(log), notifier_(notifier) {}
  // Sends once per event id: a second call for the same event sends nothing.
  Status notify(Notice notice);

 private:
  AuditLog& log_;
  Notifier& notifier_;
};

}  // namespace etauth
