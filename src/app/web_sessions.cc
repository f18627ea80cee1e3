#include "app/web_sessions.h"

#include <algorithm>
#include <array>
#include <vector>

#include "core/digest.h"
#include "etauth/environment.h"

namespace etguard::app {
namespace {

Result<std::string> random_hex(const Random& random) {
  std::array<std::uint8_t, 32> bytes{};
  if (Status filled = random.fill(bytes); !filled) {
    return std::unexpected(filled.error());
  }
  return to_hex(bytes.data(), bytes.size());
}

std::string key_of(std::string_view token) {
  return sha256_hex(token);
}

}  // namespace

WebSessions::WebSessions(const Clock& clock, const Random& random, SessionPolicy policy)
    : clock_(&clock), random_(&random), policy_(policy) {}

Result<WebSessions::Started> WebSessions::start(const LoggedIn& login) {
  auto token = random_hex(*random_);
  auto csrf = random_hex(*random_);
  if (!token || !csrf) {
    return std::unexpected(!token ? token.error() : csrf.error());
  }
  const TimePoint now = clock_->now();
  WebSession session{.who = {.name = login.name,
                             .display = login.display,
                             .role = login.role,
                             .objects = login.objects},
                     .csrf = *csrf,
                     .started = now,
                     .last_seen = now,
                     .authenticated = now,
                     .advise_password_change = login.advise_password_change};
  const std::scoped_lock lock(mutex_);
  if (by_token_hash_.size() >= policy_.max_sessions) {
    const auto oldest = std::ranges::min_element(
        by_token_hash_, {}, [](const auto& entry) { return entry.second.last_seen; });
    by_token_hash_.erase(oldest);
  }
  by_token_hash_.insert_or_assign(key_of(*token), session);
  return Started{.token = *token, .session = session};
}

std::optional<WebSession> WebSessions::live(const std::string& key) {
  const auto found = by_token_hash_.find(key);
  if (found == by_token_hash_.end()) {
    return std::nullopt;
  }
  const TimePoint now = clock_->now();
  WebSession& session = found->second;
  if (now - session.last_seen > policy_.idle || now - session.started > policy_.absolute) {
    by_token_hash_.erase(found);
    return std::nullopt;
  }
  session.last_seen = now;
  return session;
}

std::optional<WebSession> WebSessions::find(std::string_view token) {
  const std::string key = key_of(token);
  const std::scoped_lock lock(mutex_);
  return live(key);
}

bool WebSessions::csrf_matches(std::string_view token, std::string_view csrf) {
  const std::string key = key_of(token);
  const std::scoped_lock lock(mutex_);
  const auto session = live(key);
  if (!session) {
    return false;
  }
  const std::vector<std::uint8_t> expected(session->csrf.begin(), session->csrf.end());
  const std::vector<std::uint8_t> given(csrf.begin(), csrf.end());
  return etauth::equal_constant_time(expected, given);
}

void WebSessions::reauthenticated(std::string_view token) {
  const std::string key = key_of(token);
  const std::scoped_lock lock(mutex_);
  if (const auto found = by_token_hash_.find(key); found != by_token_hash_.end()) {
    found->second.authenticated = clock_->now();
  }
}

bool WebSessions::fresh(const WebSession& session) const {
  return clock_->now() - session.authenticated <= policy_.fresh;
}

void WebSessions::end(std::string_view token) {
  const std::string key = key_of(token);
  const std::scoped_lock lock(mutex_);
  by_token_hash_.erase(key);
}

std::size_t WebSessions::size() {
  const std::scoped_lock lock(mutex_);
  return by_token_hash_.size();
}

}  // namespace etguard::app
