#include "authlog/parse_syslog.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <ctime>

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

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// The machine's UTC offset, in minutes, at that local time.
int local_offset_minutes(int year, int month, int day, int hour) {
  std::tm local{};
  local.tm_year = year - 1900;
  local.tm_mon = month - 1;
  local.tm_mday = day;
  local.tm_hour = hour;
  local.tm_isdst = -1;
  const std::time_t at = std::mktime(&local);
  std::tm back{};
  if (at == static_cast<std::time_t>(-1) || localtime_r(&at, &back) == nullptr) {
    return 0;
  }
  return static_cast<int>(back.tm_gmtoff / 60);
}

enum class Classic { kNo, kYes, kImpossibleDate };

// "Mar 12 09:01:02" (the day may be space-padded) at the start of `rest`,
// which moves past it when it is one.
Classic classic_time(std::string_view& rest, SyslogDates& dates, std::int64_t& ms) {
  const auto month = std::ranges::find(kMonths, rest.substr(0, 3));
  if (month == kMonths.end() || rest.size() < 15 || rest[3] != ' ') {
    return Classic::kNo;
  }
  std::string_view after = rest.substr(4);
  while (after.starts_with(' ')) {
    after.remove_prefix(1);
  }
  int day = 0;
  std::size_t digits = 0;
  while (digits < after.size() && digits < 2 && after[digits] >= '0' && after[digits] <= '9') {
    day = day * 10 + (after[digits] - '0');
    ++digits;
  }
  if (digits == 0 || after.size() < digits + 10 || after[digits] != ' ' ||
      after[digits + 9] != ' ') {
    return Classic::kNo;
  }
  const std::string_view clock = after.substr(digits + 1, 8);
  const int number = static_cast<int>(month - kMonths.begin()) + 1;
  const int year = dates.year - (number > dates.month ? 1 : 0);
  const int hour = (clock[0] - '0') * 10 + (clock[1] - '0');
  int offset = 0;
  if (dates.utc_offset_minutes) {
    offset = *dates.utc_offset_minutes;
  } else {
    const std::int64_t local_hour = (((std::int64_t{year} * 12 + number) * 31 + day) * 24) + hour;
    if (local_hour != dates.local_hour) {
      dates.local_hour = local_hour;
      dates.local_offset = local_offset_minutes(year, number, day, hour);
    }
    offset = dates.local_offset;
  }
  const std::string stamp =
      fmt::format("{:04}-{:02}-{:02}T{}{}{:02}:{:02}", year, number, day, clock,
                  offset < 0 ? '-' : '+', std::abs(offset) / 60, std::abs(offset) % 60);
  rest = after.substr(digits + 10);
  if (!parse_time(stamp, ms)) {
    return Classic::kImpossibleDate;
  }
  ++dates.classic_lines;
  return Classic::kYes;
}

// Past "<PRI>" when the line has one.
void skip_priority(std::string_view& rest) {
  if (!rest.starts_with('<')) {
    return;
  }
  const std::size_t close = rest.find('>');
  if (close != std::string_view::npos && close >= 2 && close <= 4 &&
      rest.substr(1, close - 1).find_first_not_of("0123456789") == std::string_view::npos) {
    rest.remove_prefix(close + 1);
  }
}

// Past RFC 5424's structured data: "-" or one or more [id param="v" …]
// elements, whose quoted values may hold ']' escaped as "\]".
bool skip_structured_data(std::string_view& rest) {
  if (rest.starts_with("- ") || rest == "-") {
    rest.remove_prefix(std::min<std::size_t>(2, rest.size()));
    return true;
  }
  std::size_t at = 0;
  while (at < rest.size() && rest[at] == '[') {
    bool quoted = false;
    for (++at; at < rest.size(); ++at) {
      if (quoted && rest[at] == '\\') {
        ++at;
      } else if (rest[at] == '"') {
        quoted = !quoted;
      } else if (!quoted && rest[at] == ']') {
        break;
      }
    }
    if (at == rest.size()) {
      return false;
    }
    ++at;
  }
  rest.remove_prefix(std::min(at + 1, rest.size()));
  return at > 0;
}

}  // namespace

SyslogLine parse_syslog(std::string_view line, SyslogDates& dates, Interner& strings, Event& event,
                        std::string& problem) {
  event = Event{};
  event.syslog = true;
  std::string_view rest = line;
  skip_priority(rest);
  const bool rfc5424 = rest.starts_with("1 ");
  std::int64_t classic_ms = 0;
  const Classic classic = rfc5424 ? Classic::kNo : classic_time(rest, dates, classic_ms);
  if (rfc5424) {  // VERSION TIMESTAMP HOST APP PROCID MSGID SD MSG
    rest.remove_prefix(2);
    const std::string_view time = word(rest);
    word(rest);  // host
    if (word(rest) != "sshd") {
      return SyslogLine::kIgnored;
    }
    word(rest);  // procid
    word(rest);  // msgid
    if (!skip_structured_data(rest)) {
      problem = "RFC 5424 structured data that does not end";
      return SyslogLine::kBad;
    }
    if (rest.starts_with("\xEF\xBB\xBF")) {  // the message's optional BOM
      rest.remove_prefix(3);
    }
    if (!parse_time(time, event.time_ms)) {
      problem = "the RFC 5424 timestamp is missing or not RFC 3339";
      return SyslogLine::kBad;
    }
  } else if (classic != Classic::kNo) {
    word(rest);  // host
    if (!word(rest).starts_with("sshd[")) {
      return SyslogLine::kIgnored;
    }
    if (classic == Classic::kImpossibleDate) {
      problem = "the classic syslog timestamp names a date that does not exist";
      return SyslogLine::kBad;
    }
    event.time_ms = classic_ms;
  } else {
    const std::string_view time = word(rest);
    word(rest);  // host
    const std::string_view program = word(rest);
    if (!program.starts_with("sshd[")) {
      return SyslogLine::kIgnored;
    }
    if (!parse_time(time, event.time_ms)) {
      problem =
          "the timestamp is neither RFC 3339 nor classic syslog (\"Mar 12 09:01:02\") nor RFC 5424";
      return SyslogLine::kBad;
    }
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
