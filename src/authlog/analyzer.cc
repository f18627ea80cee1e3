#include "authlog/analyzer.h"

#include <algorithm>
#include <array>
#include <queue>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "authlog/attacks.h"

namespace etguard::authlog {
namespace {

struct Account {
  std::uint16_t consecutive = 0;  // bad_password failures since the last reset
  bool locked = false;
  bool customer = false;
  std::int64_t password_changed_ms = -1;
};

// Failures from the 6th on, until the next reset: one lockout_not_enforced finding.
struct Streak {
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  std::vector<std::uint64_t> ids;
  std::set<std::uint32_t> addresses;
};

// A login or trade that needs a notification (and a login that may need a prompt).
struct Pending {
  std::uint64_t id = 0;
  std::int64_t time_ms = 0;
  std::uint32_t user = 0;
  std::uint32_t address = 0;
  bool trade = false;
  bool needs_notification = false;
  bool needs_prompt = false;
};

struct Ordered {
  Event event;
  std::uint64_t arrival = 0;
  bool operator>(const Ordered& other) const {
    return event.time_ms != other.event.time_ms ? event.time_ms > other.event.time_ms
                                                : arrival > other.arrival;
  }
};

}  // namespace

struct Analyzer::State {
  Interner& strings;
  Policy policy;
  std::vector<Account> accounts;  // by interned user name (ids are dense)
  std::unordered_map<std::uint32_t, Streak> streaks;
  std::vector<Pending> pending;
  std::unordered_multimap<std::uint64_t, std::int64_t> notifications;  // ref id -> time (sent)
  std::unordered_multimap<std::uint64_t, std::int64_t> prompts;        // ref id -> time
  std::priority_queue<Ordered, std::vector<Ordered>, std::greater<>> queue;
  std::uint64_t arrivals = 0;
  std::int64_t newest_ms = INT64_MIN;
  std::int64_t released_ms = INT64_MIN;
  std::uint64_t too_late = 0;
  std::vector<Finding> findings;
  DailySummary summary;
  std::unordered_set<std::uint32_t> unknown_names;
  std::unordered_set<std::uint32_t> unknown_addresses;
  std::uint32_t bad_password = 0;
  std::uint32_t unknown_user = 0;
  std::array<std::uint32_t, 3> customer_channels{};
  AttackDetectors attacks;

  State(Interner& interner, Policy p) : strings(interner), policy(p) {
    bad_password = strings.intern("bad_password");
    unknown_user = strings.intern("unknown_user");
    customer_channels = {strings.intern("eb-web"), strings.intern("eb-mobile"),
                         strings.intern("eb-api")};
  }

  Account& account_of(std::uint32_t user) {
    if (user >= accounts.size()) {
      accounts.resize(std::max<std::size_t>(user + 1, accounts.size() * 2));
    }
    return accounts[user];
  }

  Finding finding(std::string type, std::uint32_t user, std::vector<std::uint32_t> addresses,
                  std::int64_t start, std::int64_t end, std::vector<std::uint64_t> ids) {
    Finding result;
    result.type = std::move(type);
    result.accounts.emplace_back(strings.text(user));
    for (const std::uint32_t address : addresses) {
      if (address != 0) {
        result.ips.emplace_back(strings.text(address));
      }
    }
    result.start_ms = start;
    result.end_ms = end;
    result.event_ids = std::move(ids);
    return result;
  }

  void close_streak(std::uint32_t user) {
    const auto found = streaks.find(user);
    if (found == streaks.end()) {
      return;
    }
    Streak& streak = found->second;
    findings.push_back(finding("lockout_not_enforced", user,
                               {streak.addresses.begin(), streak.addresses.end()}, streak.start_ms,
                               streak.end_ms, std::move(streak.ids)));
    streaks.erase(found);
  }

  void reset(std::uint32_t user, Account& account) {
    account.consecutive = 0;
    close_streak(user);
  }

  void count(const Event& e) {
    switch (e.action) {
      case Action::kLogin:
        if (e.success) {
          ++summary.login_success_total;
        } else {
          ++summary.login_failure_total;
          ++summary.failure_by_reason[std::string(strings.text(e.reason))];
          ++summary.failure_by_service[std::string(strings.text(e.service))];
          if (e.reason == unknown_user) {
            ++summary.unknown_account_attempts;
            unknown_names.insert(e.user);
            unknown_addresses.insert(e.address);
          }
        }
        break;
      case Action::kLock:
        ++summary.account_locks;
        break;
      case Action::kUnlock:
        ++summary.account_unlocks;
        break;
      default:
        break;
    }
  }

  void process(const Event& e) {
    count(e);
    Account& account = account_of(e.user);
    switch (e.action) {
      case Action::kLogin:
        if (e.syslog) {
          syslog_login(e);
          break;
        }
        if (e.success) {
          attacks.success(e);
          login_success(e, account);
          break;
        }
        // A source without a channel (sshd in auth.log) counts as a customer channel.
        attacks.failure(e, e.service == 0 || std::ranges::find(customer_channels, e.service) !=
                                                 customer_channels.end());
        if (e.reason == bad_password) {
          ++account.consecutive;
          if (account.consecutive > policy.lock_threshold) {
            Streak& streak = streaks[e.user];
            if (streak.ids.empty()) {
              streak.start_ms = e.time_ms;
            }
            streak.end_ms = e.time_ms;
            streak.ids.push_back(e.id);
            streak.addresses.insert(e.address);
          }
        }
        break;
      case Action::kLock:
        account.locked = !e.syslog;
        break;
      case Action::kUnlock:
        if (!e.unlock_verified) {
          findings.push_back(
              finding("unlock_without_verification", e.user, {}, e.time_ms, e.time_ms, {e.id}));
        }
        account.locked = false;
        reset(e.user, account);
        break;
      case Action::kTrade:
        pending.push_back({e.id, e.time_ms, e.user, e.address, true, true, false});
        break;
      case Action::kNotification:
        if (e.notification_sent && e.ref_id != 0) {
          notifications.emplace(e.ref_id, e.time_ms);
        }
        break;
      case Action::kPasswordPrompt:
        if (e.ref_id != 0) {
          prompts.emplace(e.ref_id, e.time_ms);
        }
        break;
      case Action::kPasswordChange:
        account.password_changed_ms = e.time_ms;
        break;
      default:
        break;
    }
  }

  void syslog_login(const Event& e) {
    if (!e.success) {
      attacks.failure(e, true);
      return;
    }
    attacks.success(e);
    if (std::popcount(e.factor_types) < 2) {
      findings.push_back(
          finding("single_factor_login", e.user, {e.address}, e.time_ms, e.time_ms, {e.id}));
    }
  }

  void login_success(const Event& e, Account& account) {
    if (account.locked || account.consecutive >= policy.lock_threshold) {
      findings.push_back(
          finding("success_without_unlock", e.user, {e.address}, e.time_ms, e.time_ms, {e.id}));
    }
    account.locked = false;
    reset(e.user, account);
    if (std::popcount(e.factor_types) < 2) {
      findings.push_back(
          finding("single_factor_login", e.user, {e.address}, e.time_ms, e.time_ms, {e.id}));
    }
    const bool customer = e.customer || account.customer;
    if (!customer) {
      return;
    }
    const std::int64_t changed =
        e.password_changed_ms >= 0 ? e.password_changed_ms : account.password_changed_ms;
    const bool stale = changed >= 0 && e.time_ms - changed > policy.password_max_age_ms;
    pending.push_back({e.id, e.time_ms, e.user, e.address, false, true, stale});
  }

  static bool any_within(const std::unordered_multimap<std::uint64_t, std::int64_t>& times,
                         std::uint64_t id, std::int64_t at, std::int64_t before,
                         std::int64_t after) {
    const auto [first, last] = times.equal_range(id);
    return std::any_of(first, last, [&](const auto& entry) {
      return entry.second >= at - before && entry.second <= at + after;
    });
  }

  // Decides the checks whose windows have closed by `now` (all of them at the end).
  void decide_pending(std::int64_t now) {
    const std::int64_t wait =
        std::max(policy.notification_window_ms, policy.prompt_window_ms) + policy.reorder_window_ms;
    std::size_t kept = 0;
    for (Pending& p : pending) {
      if (p.time_ms + wait > now) {
        pending[kept++] = p;
        continue;
      }
      if (p.needs_notification &&
          !any_within(notifications, p.id, p.time_ms, policy.notification_window_ms,
                      policy.notification_window_ms)) {
        findings.push_back(
            finding(p.trade ? "trade_without_notification" : "login_without_notification", p.user,
                    {p.address}, p.time_ms, p.time_ms, {p.id}));
      }
      if (p.needs_prompt &&
          !any_within(prompts, p.id, p.time_ms, policy.prompt_window_ms, policy.prompt_window_ms)) {
        findings.push_back(finding("stale_password_not_prompted", p.user, {p.address}, p.time_ms,
                                   p.time_ms, {p.id}));
      }
      notifications.erase(p.id);
      prompts.erase(p.id);
    }
    pending.resize(kept);
  }

  void release(std::int64_t up_to) {
    while (!queue.empty() && queue.top().event.time_ms <= up_to) {
      process(queue.top().event);
      released_ms = std::max(released_ms, queue.top().event.time_ms);
      queue.pop();
    }
  }
};

Analyzer::Analyzer(Interner& strings, Policy policy)
    : state_(std::make_unique<State>(strings, policy)) {}
Analyzer::~Analyzer() = default;

void Analyzer::set_account(std::uint32_t user, const AccountSnapshot& snapshot) {
  Account& account = state_->account_of(user);
  account.locked = snapshot.locked;
  account.consecutive = snapshot.consecutive_failures;
  account.customer = snapshot.customer;
  account.password_changed_ms = snapshot.password_changed_ms;
}

void Analyzer::add(const Event& event) {
  State& s = *state_;
  if (event.time_ms < s.released_ms) {
    ++s.too_late;  // beyond the reorder window: processed now, out of order
  }
  s.queue.push({event, s.arrivals++});
  s.newest_ms = std::max(s.newest_ms, event.time_ms);
  s.release(s.newest_ms - s.policy.reorder_window_ms);
  if ((s.arrivals & 0xFFFU) == 0) {
    s.decide_pending(s.released_ms);
  }
}

void Analyzer::finish() {
  State& s = *state_;
  s.release(INT64_MAX);
  s.decide_pending(INT64_MAX);
  std::vector<std::uint32_t> open;
  open.reserve(s.streaks.size());
  for (const auto& [user, streak] : s.streaks) {
    open.push_back(user);
  }
  for (const std::uint32_t user : open) {
    s.close_streak(user);
  }
  s.attacks.finish(s.strings, s.findings);
  s.summary.unknown_account_distinct_names = s.unknown_names.size();
  s.summary.unknown_account_distinct_ips = s.unknown_addresses.size();
  std::sort(s.findings.begin(), s.findings.end(), [](const Finding& a, const Finding& b) {
    return a.start_ms != b.start_ms ? a.start_ms < b.start_ms : a.type < b.type;
  });
}

std::vector<Finding>& Analyzer::findings() {
  return state_->findings;
}
const DailySummary& Analyzer::summary() const {
  return state_->summary;
}
std::uint64_t Analyzer::reordered_too_late() const {
  return state_->too_late;
}

}  // namespace etguard::authlog
