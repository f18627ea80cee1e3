#include "authlog/parse_syslog.h"

#include "authlog/fields.h"

namespace etguard::authlog {
namespace {

// The next space-separated word of `rest`, which moves past it.
std::string_view word(std::string_view& rest) {
  const std::size_t end = std::min(rest.find(' '), rest.size());
  const std::string_view result = rest.substr(0, end);
  rest.remove_prefix(std::min(end + 1, rest.size()));
  return result;
}

bool take(std::string_view& rest, std::string_view prefix) {
  if (!rest.starts_with(prefix)) {
    return false;
  }
  rest.remove_prefix(prefix.size());
  return true;
}

}  // namespace

SyslogLine parse_syslog(std::string_view line, Interner& strings, Event& event,
                        std::string& problem) {
  event = Event{};
  event.syslog = true;
  std::string_view rest = line;
  const std::string_view time = word(rest);
  word(rest);  // host
  const std::string_view program = word(rest);
  if (!program.starts_with("sshd[")) {
    return SyslogLine::kIgnored;
  }
  if (!parse_time(time, event.time_ms)) {
    problem = "the timestamp is not RFC 3339 (rsyslog's high-precision format)";
    return SyslogLine::kBad;
  }
  std::string_view user;
  std::string_view reason;
  if (take(rest, "pam_faillock(sshd:auth): Consecutive login failures for user ")) {
    event.action = Action::kLock;
    event.user = strings.intern(word(rest));
    event.success = true;
    return SyslogLine::kEvent;
  }
  if (take(rest, "Failed password for invalid user ")) {
    reason = "unknown_user";
  } else if (take(rest, "Failed password for ")) {
    reason = "bad_password";
    event.user_exists = true;
  } else if (take(rest, "Failed keyboard-interactive/pam for ")) {
    reason = "bad_otp";
    event.user_exists = true;
  } else if (take(rest, "Accepted ")) {
    const std::string_view method = word(rest);
    if (!take(rest, "for ")) {
      problem = "an Accepted line without 'for USER'";
      return SyslogLine::kBad;
    }
    event.success = true;
    event.user_exists = true;
    // password alone is one factor type; publickey and PAM conversations are not judged here.
    event.factor_types = method == "password" ? kKnowledge : (kKnowledge | kPossession);
  } else {
    return SyslogLine::kIgnored;
  }
  user = word(rest);
  if (!take(rest, "from ")) {
    problem = "no 'from ADDRESS'";
    return SyslogLine::kBad;
  }
  const std::string_view address = word(rest);
  event.action = Action::kLogin;
  event.user = strings.intern(user);
  event.address = strings.intern(address);
  event.source = strings.intern(source_key(address));
  if (event.source == 0) {
    problem = "the source is not an IP address";
    return SyslogLine::kBad;
  }
  if (!reason.empty()) {
    event.reason = strings.intern(reason);
  }
  return SyslogLine::kEvent;
}

}  // namespace etguard::authlog
