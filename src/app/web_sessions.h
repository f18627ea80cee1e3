// The server's logged-in sessions (issue 18): a random token in a cookie
// names one; the server keeps only its SHA-256, so a memory dump or a log
// line never holds a usable token. A session ends after `idle` without a
// request and after `absolute` whatever happens; each carries a CSRF token
// that every changing request must echo; sign-off and user administration
// ask for the password again when the login is older than `fresh`.
// Thread-safe: the server's threads share one.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "app/access.h"
#include "core/clock.h"
#include "core/random.h"
#include "core/result.h"

namespace etguard::app {

struct SessionPolicy {
  std::chrono::seconds idle{std::chrono::minutes(15)};
  std::chrono::seconds absolute{std::chrono::hours(8)};
  std::chrono::seconds fresh{std::chrono::minutes(5)};
  std::size_t max_sessions = 10'000;  // when full, the least recently used ends
};

struct WebSession {
  Principal who;
  std::string csrf;  // 32 random bytes in hex
  TimePoint started;
  TimePoint last_seen;
  TimePoint authenticated;  // the last password check (login or re-authentication)
  bool advise_password_change = false;
};

class WebSessions {
 public:
  WebSessions(const Clock& clock, const Random& random, SessionPolicy policy = {});

  struct Started {
    std::string token;  // for the cookie: shown once, never stored
    WebSession session;
  };
  [[nodiscard]] Result<Started> start(const LoggedIn& login);
  // The live session of `token`, its idle time restarted; nullopt when
  // unknown, idle too long or too old (and then it is gone).
  std::optional<WebSession> find(std::string_view token);
  // Whether `csrf` is the session's token (compared in constant time).
  bool csrf_matches(std::string_view token, std::string_view csrf);
  // After the password was checked again.
  void reauthenticated(std::string_view token);
  // Whether the password was checked within `fresh`.
  bool fresh(const WebSession& session) const;
  void end(std::string_view token);
  std::size_t size();
  const SessionPolicy& policy() const { return policy_; }

 private:
  std::optional<WebSession> live(const std::string& key);
  const Clock* clock_;
  const Random* random_;
  SessionPolicy policy_;
  std::mutex mutex_;
  std::map<std::string, WebSession, std::less<>> by_token_hash_;
};

}  // namespace etguard::app
