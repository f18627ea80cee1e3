// sshd lines of a Linux auth.log (RFC 3339 timestamps, as rsyslog writes them
// with high precision): the attack family is observable there.
//   <time> <host> sshd[<pid>]: Failed password for [invalid user ]<user> from <ip> port <n> ssh2
//   <time> <host> sshd[<pid>]: Failed keyboard-interactive/pam for <user> from <ip> ...
//   <time> <host> sshd[<pid>]: Accepted <method> for <user> from <ip> port <n> ssh2
//   <time> <host> sshd[<pid>]: pam_faillock(sshd:auth): Consecutive login failures for user
//                              <user> account temporarily locked
#pragma once

#include <string>
#include <string_view>

#include "authlog/event.h"

namespace etguard::authlog {

enum class SyslogLine {
  kEvent,    // `event` holds it
  kIgnored,  // another program or message: not an authentication event
  kBad,      // an sshd line that could not be read: `problem` says why
};

SyslogLine parse_syslog(std::string_view line, Interner& strings, Event& event,
                        std::string& problem);

}  // namespace etguard::authlog
