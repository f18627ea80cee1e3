// Art. 37: the audit trail and the owner's notices.
//
// AuditLog is an append-only, hash-chained record of every authentication
// event, personal-data access, lock, unlock and order signature: each entry's
// hash covers the previous one, so a changed, removed or reordered entry
// breaks the chain; checkpoints sign (sequence, hash) with the firm's key, so
// the chain cannot be rebuilt by someone who can only write the file.
// Checkpoints are written by the log itself (every `checkpoint_every` entries
// and on close), and verify() fails unless every entry up to the last is
// covered by one. Entries are purged only once older than the retention (at
// least five years): the purge is itself an entry of the chain, and the hash
// of the last purged entry is kept as the anchor the chain continues from,
// signed with the time of the purge.
//
// Threat model (lib/etauth/README.md): someone who can write the file but not
// use the firm's key can destroy the trail but not rewrite it unnoticed — a
// forged, reordered, edited or head-truncated trail fails verify(). Cutting
// the end back to an earlier checkpoint leaves a valid shorter trail; a
// verifier that recorded the head (head(), "SEQ:HASH") catches that with
// AuditVerifyOptions::expect_head.
//
// NoticeDispatcher tells the owner of every successful login and every trade
// exactly once (per event id, across restarts: the audit file remembers
// pending and sent), with the identifiers masked and never a secret.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

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
  kPurge = 8,     // written by purge_before: subject "through SEQ", detail the cutoff
  kAdoption = 9,  // open() adopting an unsigned tail: actor the operator, subject "FIRST-LAST"
};

struct AuditEvent {
  AuditKind kind = AuditKind::kLogin;
  std::string actor;    // who acted: the user, or the operator
  std::string subject;  // what it concerned: the account, the record, the order id
  std::string detail;   // never a password, code, seed or key
  std::chrono::sys_seconds at{};
};

inline constexpr std::chrono::days kMinimumRetention{5 * 365 + 1};  // five years

struct AuditOptions {
  std::chrono::days retention = kMinimumRetention;  // below five years is refused
  std::uint64_t checkpoint_every = 64;              // entries between automatic checkpoints
  // open() refuses a trail whose last entries no checkpoint covers (a crash,
  // or entries written behind the log's back), so that it never signs what it
  // did not write. After review, an operator may adopt them: they are signed,
  // and an entry records who adopted which.
  std::string adopt_unsigned_tail_by;
};

// A position in the chain: an entry's sequence number and hash.
struct AuditHead {
  std::uint64_t sequence = 0;
  std::array<std::uint8_t, 32> hash{};
  bool operator==(const AuditHead&) const = default;
};
// "SEQ:HASH" (64 lower-case hex digits), as a verifier records it.
std::string format_audit_head(const AuditHead& head);
Result<AuditHead> parse_audit_head(std::string_view text);

struct AuditVerifyOptions {
  // Entries after the last checkpoint (a crash before the next one) are
  // reported in unsigned_entries instead of failing.
  bool accept_unsigned_tail = false;
  // The head recorded earlier: it must still be in the chain (or be the
  // anchor), or the trail was cut back.
  std::optional<AuditHead> expect_head;
};

struct AuditVerification {
  AuditHead head;                      // the last entry (the anchor when none is kept)
  AuditHead signed_head;               // the last entry covered by a checkpoint
  std::uint64_t unsigned_entries = 0;  // after signed_head
  std::optional<AuditHead> anchor;     // after a purge
};

class AuditLog {
 public:
  // `signer` signs the checkpoints and anchors.
  static Result<std::unique_ptr<AuditLog>> open(const std::string& path, const PrivateKey& signer,
                                                Clock& clock, AuditOptions options = {});
  ~AuditLog();  // checkpoints the tail, as close() does
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;
  AuditLog(AuditLog&&) = delete;
  AuditLog& operator=(AuditLog&&) = delete;

  // The entry's sequence number; checkpoints every `checkpoint_every`
  // entries. Thread-safe.
  Result<std::uint64_t> append(const AuditEvent& event);
  // Signs the chain's head (nothing to do when it is signed already).
  Status checkpoint();
  // Signs the tail; the destructor does the same but cannot report a failure.
  Status close();
  AuditHead head() const;
  // Recomputes the chain from its signed anchor and checks every checkpoint's
  // signature; kCrypto naming the first entry that does not fit, an entry not
  // covered by a checkpoint, or an expected head that is gone.
  Result<AuditVerification> verify(const PublicKey& signer,
                                   const AuditVerifyOptions& options = {}) const;
  // verify() for someone who holds only the public key (an examiner): the
  // file is opened read-only and never changed.
  static Result<AuditVerification> verify_file(const std::string& path, const PublicKey& signer,
                                               const Clock& clock,
                                               const AuditVerifyOptions& options = {});
  // Removes entries older than `cutoff`; kPolicy when `cutoff` is within the
  // retention. Returns how many went.
  Result<std::size_t> purge_before(std::chrono::sys_seconds cutoff);

  // For NoticeDispatcher: true when the caller should send the notice for
  // `event_id` now (new, or pending after a failed or interrupted send);
  // false when it was sent or another caller is sending it.
  Result<bool> claim_notice(const std::string& event_id);
  // After the send: kept as sent, or back to pending for a retry.
  Status finish_notice(const std::string& event_id, bool sent);

 private:
  struct State;
  explicit AuditLog(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// An identifier with its middle hidden: "A123456789" -> "A12*****89";
// counted in UTF-8 characters, so a multi-byte character is never split.
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
  // Sends once per event id: a second call for the same event sends nothing;
  // a failed send leaves the notice pending, and the next call retries it.
  Status notify(Notice notice);

 private:
  AuditLog& log_;
  Notifier& notifier_;
};

}  // namespace etauth
