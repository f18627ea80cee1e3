#include "authlog/analyzer.h"

#include <algorithm>
#include <array>
#include <deque>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "authlog/attacks.h"
#include "authlog/id_table.h"
#include "core/huge_array.h"

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
  bool needs_prompt = false;
  bool notified = false;
  bool prompted = false;
};

// A notification or prompt whose login or trade was not waiting when it came:
// it was delivered first, or refers to an event that needs none.
struct Early {
  std::uint64_t ref = 0;
  std::int64_t time_ms = 0;
  bool prompt = false;
  // The earlier answer to the same ref: its absolute index + 1; 0: none.
  std::uint64_t previous = 0;
};

}  // namespace

struct Analyzer::State {
  Interner& strings;
  Policy policy;
  // By interned user name (ids are dense): idle accounts of the snapshot
  // cost 16 bytes each.
  HugeArray<Account> accounts;
  std::unordered_map<std::uint32_t, Streak> streaks;
  // Logins and trades waiting for their notification (and prompt), in time
  // order; `waiting` finds one by event id (the value is its absolute index:
  // pending_base + position).
  std::deque<Pending> pending;
  std::uint64_t pending_base = 0;
  IdTable waiting;
  // In time order; dropped once no pending can match. `latest_early` finds
  // the newest answer to a ref (the value is its absolute index, early_base +
  // position), and each answer links to the one before it.
  std::deque<Early> early;
  std::uint64_t early_base = 0;
  IdTable latest_early;
  // The reorder window, in time order (equal times in arrival order). Input is
  // mostly in order, so nearly every event is appended at the back.
  std::deque<Event> held;
  std::uint64_t added = 0;
  std::int64_t newest_ms = INT64_MIN;
  std::int64_t released_ms = INT64_MIN;
  std::uint64_t too_late = 0;
  // A jump forward beyond the reorder window (a quiet hour, or one event with
  // a wrong clock) is taken at once, and undone when the next event is far
  // behind it: one event a year ahead must not make the rest of the day late.
  std::int64_t jump_ms = INT64_MIN;
  std::int64_t before_jump_ms = INT64_MIN;
  std::uint64_t far_ahead = 0;  // jumps no other event agreed with
  std::vector<Finding> findings;
  std::size_t handed_out = 0;
  bool finished = false;  // findings[0, handed_out) went out through newly_decided()
  std::function<void(const Event&)> processed;
  DailySummary summary;
  std::unordered_set<std::uint32_t> unknown_names;
  std::unordered_set<std::uint32_t> unknown_addresses;
  // For the daily report (the failures themselves are the attack detectors').
  std::unordered_map<std::uint32_t, std::uint64_t> locks_by_account;
  std::unordered_map<std::uint32_t, std::uint64_t> unlocks_by_account;
  std::array<std::uint64_t, 24> failures_by_hour{};
  std::int64_t first_ms = INT64_MAX;
  std::int64_t last_ms = INT64_MIN;
  std::uint32_t bad_password = 0;
  std::uint32_t unknown_user = 0;
  std::vector<std::uint32_t> customer_channels;
  AttackDetectors attacks;

  State(Interner& interner, Policy p)
      : strings(interner), policy(std::move(p)), attacks(policy.attacks) {
    bad_password = strings.intern("bad_password");
    unknown_user = strings.intern("unknown_user");
    for (const std::string& channel : policy.customer_channels) {
      customer_channels.push_back(strings.intern(channel));
    }
  }

  Account& account_of(std::uint32_t user) {
    if (user >= accounts.size()) {
      accounts.grow_to(user + 1);
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
    first_ms = std::min(first_ms, e.time_ms);
    last_ms = std::max(last_ms, e.time_ms);
    switch (e.action) {
      case Action::kLogin:
        if (e.success) {
          ++summary.login_success_total;
        } else {
          count_failure(e);
        }
        break;
      case Action::kLock:
        ++summary.account_locks;
        ++locks_by_account[e.user];
        break;
      case Action::kUnlock:
        ++summary.account_unlocks;
        ++unlocks_by_account[e.user];
        break;
      default:
        break;
    }
  }

  void count_failure(const Event& e) {
    ++summary.login_failure_total;
    ++summary.failure_by_reason[std::string(strings.text(e.reason))];
    ++summary.failure_by_service[std::string(strings.text(e.service))];
    if (e.reason == unknown_user) {
      ++summary.unknown_account_attempts;
      unknown_names.insert(e.user);
      unknown_addresses.insert(e.address);
    }
    constexpr std::int64_t kHourMs = 3'600'000;
    constexpr std::int64_t kTaipeiMs = 8 * kHourMs;
    const std::int64_t hour = ((e.time_ms + kTaipeiMs) / kHourMs) % 24;
    ++failures_by_hour[static_cast<std::size_t>(hour < 0 ? hour + 24 : hour)];
  }

  void process(const Event& e) {
    if (processed) {
      processed(e);
    }
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
        attacks.failure(e,
                        e.service == 0 || std::ranges::find(customer_channels, e.service) !=
                                              customer_channels.end(),
                        e.reason == unknown_user);
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
        wait_for_notification({e.id, e.time_ms, e.user, e.address, true, false});
        break;
      case Action::kNotification:
        if (e.notification_sent) {
          answer(e.ref_id, e.time_ms, false);
        }
        break;
      case Action::kPasswordPrompt:
        answer(e.ref_id, e.time_ms, true);
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
      attacks.failure(e, true, e.reason == unknown_user);
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
    wait_for_notification({e.id, e.time_ms, e.user, e.address, false, stale});
  }

  bool within(const Pending& p, std::int64_t time_ms, bool prompt) const {
    const std::int64_t window = prompt ? policy.prompt_window_ms : policy.notification_window_ms;
    return time_ms >= p.time_ms - window && time_ms <= p.time_ms + window;
  }

  void wait_for_notification(Pending p) {
    std::optional<std::uint64_t> at = latest_early.find(p.id);
    while (at && *at >= early_base) {
      const Early& answered = early[*at - early_base];
      if (within(p, answered.time_ms, answered.prompt)) {
        (answered.prompt ? p.prompted : p.notified) = true;
      }
      at = answered.previous == 0 ? std::nullopt : std::optional(answered.previous - 1);
    }
    waiting.put(p.id, pending_base + pending.size());
    pending.push_back(p);
  }

  // A sent notification (or a password prompt) referring to event `ref`.
  void answer(std::uint64_t ref, std::int64_t time_ms, bool prompt) {
    if (ref == 0) {
      return;
    }
    if (const auto index = waiting.find(ref)) {
      Pending& p = pending[*index - pending_base];
      if (within(p, time_ms, prompt)) {
        (prompt ? p.prompted : p.notified) = true;
      }
      return;
    }
    const std::optional<std::uint64_t> before = latest_early.find(ref);
    latest_early.put(ref, early_base + early.size());
    early.push_back({ref, time_ms, prompt, before ? *before + 1 : 0});
  }

  // Decides the checks whose windows have closed: every event up to `now`
  // has been processed (INT64_MAX at the end).
  void decide_pending(std::int64_t now) {
    const std::int64_t wait = std::max(policy.notification_window_ms, policy.prompt_window_ms);
    while (!pending.empty() && pending.front().time_ms + wait <= now) {
      const Pending& p = pending.front();
      if (!p.notified) {
        findings.push_back(
            finding(p.trade ? "trade_without_notification" : "login_without_notification", p.user,
                    {p.address}, p.time_ms, p.time_ms, {p.id}));
      }
      if (p.needs_prompt && !p.prompted) {
        findings.push_back(finding("stale_password_not_prompted", p.user, {p.address}, p.time_ms,
                                   p.time_ms, {p.id}));
      }
      if (waiting.find(p.id) == pending_base) {
        waiting.erase(p.id);  // not when a later event reused the id
      }
      pending.pop_front();
      ++pending_base;
    }
    // An answer can only match a login or trade within its window of it.
    while (!early.empty() && early.front().time_ms + wait <= now) {
      const std::uint64_t ref = early.front().ref;
      if (latest_early.find(ref) == early_base) {
        latest_early.erase(ref);  // the last answer to it
      }
      early.pop_front();
      ++early_base;
    }
  }

  // Every event up to this time has been processed (bar those later than the window).
  std::int64_t horizon() const {
    return newest_ms == INT64_MIN ? INT64_MIN : newest_ms - policy.reorder_window_ms;
  }

  void hold(const Event& event) {
    if (held.empty() || held.back().time_ms <= event.time_ms) {
      held.push_back(event);
      return;
    }
    const auto later = std::upper_bound(
        held.begin(), held.end(), event.time_ms,
        [](std::int64_t time, const Event& other) { return time < other.time_ms; });
    held.insert(later, event);
  }

  void advance(std::int64_t time_ms) {
    const std::int64_t window = policy.reorder_window_ms;
    if (jump_ms != INT64_MIN) {
      if (time_ms < jump_ms - window) {
        // The jump stands alone: its event stays held (to the end of the day,
        // or until the log reaches its time) and time goes on from before it.
        newest_ms = before_jump_ms;
        ++far_ahead;
      }
      jump_ms = INT64_MIN;
    }
    if (newest_ms != INT64_MIN && time_ms > newest_ms + window) {
      before_jump_ms = newest_ms;
      jump_ms = time_ms;
    }
    newest_ms = std::max(newest_ms, time_ms);
  }

  void release(std::int64_t up_to) {
    while (!held.empty() && held.front().time_ms <= up_to) {
      process(held.front());
      released_ms = std::max(released_ms, held.front().time_ms);
      held.pop_front();
    }
  }
};

Analyzer::Analyzer(Interner& strings, Policy policy)
    : state_(std::make_unique<State>(strings, policy)) {}
Analyzer::~Analyzer() = default;

ActionSet Analyzer::actions_with_names() {
  return action_bit(Action::kLogin) | action_bit(Action::kLock) | action_bit(Action::kUnlock) |
         action_bit(Action::kPasswordChange) | action_bit(Action::kTrade);
}

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
  s.hold(event);
  s.advance(event.time_ms);
  s.release(s.horizon());
  if ((++s.added & 0xFFFU) == 0) {
    s.decide_pending(s.horizon());
  }
}

void Analyzer::finish() {
  State& s = *state_;
  s.finished = true;
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
  // In time order, then by type; what went out already keeps its place.
  std::sort(s.findings.begin() + static_cast<std::ptrdiff_t>(s.handed_out), s.findings.end(),
            [](const Finding& a, const Finding& b) {
              return a.start_ms != b.start_ms ? a.start_ms < b.start_ms : a.type < b.type;
            });
}

void Analyzer::on_processed(std::function<void(const Event&)> sink) {
  state_->processed = std::move(sink);
}

std::span<const Finding> Analyzer::newly_decided() {
  State& s = *state_;
  if (!s.finished) {
    s.decide_pending(s.horizon());
  }
  const std::span<const Finding> fresh(s.findings.data() + s.handed_out,
                                       s.findings.size() - s.handed_out);
  s.handed_out = s.findings.size();
  return fresh;
}

std::vector<Finding>& Analyzer::findings() {
  return state_->findings;
}
const DailySummary& Analyzer::summary() const {
  return state_->summary;
}
namespace {

// The `top` longest tallies (ties by name).
std::vector<Tally> longest(std::vector<Tally> tallies, std::size_t top) {
  const auto before = [](const Tally& a, const Tally& b) {
    return a.count != b.count ? a.count > b.count : a.name < b.name;
  };
  const std::size_t kept = std::min(top, tallies.size());
  std::partial_sort(tallies.begin(), tallies.begin() + static_cast<std::ptrdiff_t>(kept),
                    tallies.end(), before);
  tallies.resize(kept);
  return tallies;
}

// Failures per key with the distinct partners behind them, from (key,
// partner) pairs; partner 0 (no address) is not counted as one.
std::vector<Tally> tally(std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs,
                         const Interner& strings, std::size_t top) {
  std::sort(pairs.begin(), pairs.end());
  std::vector<Tally> tallies;
  for (std::size_t i = 0; i < pairs.size();) {
    std::size_t j = i;
    std::uint64_t distinct = 0;
    for (; j < pairs.size() && pairs[j].first == pairs[i].first; ++j) {
      distinct +=
          pairs[j].second != 0 && (j == i || pairs[j].second != pairs[j - 1].second) ? 1U : 0U;
    }
    tallies.push_back({std::string(strings.text(pairs[i].first)), j - i, distinct});
    i = j;
  }
  return longest(std::move(tallies), top);
}

std::vector<Tally> counts(const std::unordered_map<std::uint32_t, std::uint64_t>& by_account,
                          const Interner& strings, std::size_t top) {
  std::vector<Tally> tallies;
  tallies.reserve(by_account.size());
  for (const auto& [user, count] : by_account) {
    tallies.push_back({std::string(strings.text(user)), count, 0});
  }
  return longest(std::move(tallies), top);
}

}  // namespace

DayDetail Analyzer::detail(std::size_t top) const {
  const State& s = *state_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> by_source;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> by_account;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> by_unknown;
  for (const AttackDetectors::Failure& f : s.attacks.failures()) {
    if (f.source != 0) {
      by_source.emplace_back(f.source, f.user);
    }
    (f.unknown_user ? by_unknown : by_account).emplace_back(f.user, f.source);
  }
  DayDetail detail;
  detail.top_sources = tally(std::move(by_source), s.strings, top);
  detail.top_accounts = tally(std::move(by_account), s.strings, top);
  detail.unknown_names = tally(std::move(by_unknown), s.strings, top);
  detail.locked_accounts = counts(s.locks_by_account, s.strings, top);
  detail.unlocked_accounts = counts(s.unlocks_by_account, s.strings, top);
  detail.failures_by_hour = s.failures_by_hour;
  detail.first_ms = s.first_ms == INT64_MAX ? 0 : s.first_ms;
  detail.last_ms = s.last_ms == INT64_MIN ? 0 : s.last_ms;
  return detail;
}

std::uint64_t Analyzer::reordered_too_late() const {
  return state_->too_late;
}

std::uint64_t Analyzer::far_ahead() const {
  return state_->far_ahead;
}

}  // namespace etguard::authlog
