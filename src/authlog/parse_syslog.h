// sshd lines of a Linux auth.log: the attack family is observable there. The
// header is any of the three forms syslog daemons write:
//   RFC 3339 (rsyslog's high precision)  2025-03-12T09:01:02.123+08:00 host sshd[42]: …
//   classic BSD (RFC 3164; Debian's default) Mar 12 09:01:02 host sshd[42]: …
//   RFC 5424                             <38>1 2025-03-12T01:01:02Z host sshd 42 - - …
// (a <PRI> before a classic or RFC 3339 header is skipped). The messages:
//   <time> <host> sshd[<pid>]: Failed password for [invalid user ]<user> from <ip> port <n> ssh2
//   <time> <host> sshd[<pid>]: Failed keyboard-interactive/pam for <user> from <ip> ...
//   <time> <host> sshd[<pid>]: Accepted <method> for <user> from <ip> port <n> ssh2
//   <time> <host> sshd[<pid>]: pam_faillock(sshd:auth): Consecutive login failures for user
//                              <user> account temporarily locked
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "authlog/event.h"

namespace etguard::authlog {

enum class SyslogLine {
  kEvent,    // `event` holds it
  kIgnored,  // another program or message: not an authentication event
  kBad,      // an sshd line that could not be read: `problem` says why
};

// What a classic timestamp lacks. Its year is `year`, or the year before for
// a month after `month` (a log begun in December and written in January);
// its zone `utc_offset_minutes`, or the machine's local zone when unset.
struct SyslogDates {
  int year = 0;
  int month = 12;
  std::optional<int> utc_offset_minutes;
  std::uint64_t classic_lines = 0;  // lines read by these rules
  // The local zone's offset for the last hour asked (mktime is slow).
  std::int64_t local_hour = -1;
  int local_offset = 0;
};

SyslogLine parse_syslog(std::string_view line, SyslogDates& dates, Interner& strings, Event& event,
                        std::string& problem);

}  // namespace etguard::authlog
