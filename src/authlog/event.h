// One authentication-log event, reduced to what the Art. 35–37 rules and the
// attack detectors read. Input contract: docs/authlog-input.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "authlog/interner.h"

namespace etguard::authlog {

enum class Action : std::uint8_t {
  kLogin,
  kLogout,
  kLock,
  kUnlock,
  kPasswordChange,
  kPasswordPrompt,
  kTrade,
  kNotification,
  kOther,
};

// A set of actions, as bits.
using ActionSet = std::uint16_t;
inline constexpr ActionSet kEveryAction = 0xFFFF;
constexpr ActionSet action_bit(Action action) {
  return static_cast<ActionSet>(1U << static_cast<unsigned>(action));
}

// Art. 35(1) factor types, as bits.
inline constexpr std::uint8_t kKnowledge = 1;
inline constexpr std::uint8_t kPossession = 2;
inline constexpr std::uint8_t kInherence = 4;

struct Event {
  std::int64_t time_ms = 0;               // @timestamp, milliseconds since the epoch (UTC)
  std::uint64_t id = 0;                   // event.id (16 hex digits)
  std::uint64_t ref_id = 0;               // labels.ref_event_id
  std::int64_t password_changed_ms = -1;  // auth.password_last_changed, -1 when absent
  std::uint32_t user = 0;                 // interned user.name (0: not asked for, see JsonlParser)
  std::uint32_t source = 0;               // interned source key: the IPv4 address or the IPv6 /64
  std::uint32_t address = 0;              // interned source.ip as written
  std::uint32_t service = 0;              // interned service.name
  std::uint32_t reason = 0;               // interned event.reason (0: none)
  std::uint32_t line = 0;                 // input line, for messages
  Action action = Action::kOther;
  bool success = false;      // event.outcome
  bool user_exists = false;  // user.id present: an account of the firm
  bool customer = false;     // user.type customer
  std::uint8_t factor_types = 0;
  bool unlock_verified = false;    // a valid identity re-verification that succeeded
  bool notification_sent = false;  // notification.status sent
  // From an auth.log line: no unlocks, notifications or prompts are visible
  // there, and sshd writes a rejection of a locked account as a bad password,
  // so only the attack rules and the factor rule can judge it.
  bool syslog = false;
};

// "2025-03-11T16:06:04.009Z" (or +hh:mm) to milliseconds; false when it is not one.
bool parse_time(std::string_view text, std::int64_t& ms);
// Milliseconds to "2025-03-11T16:06:04.009Z".
std::string format_time(std::int64_t ms);

}  // namespace etguard::authlog
