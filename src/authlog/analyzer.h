// The authentication-log analyzer: events in time order (a bounded reorder
// window absorbs clock skew and late delivery), account state from the
// 00:00 snapshot, and the Art. 35–37 policy rules of the yardstick
// (../shared/bench/authlog/README.md, docs/authlog.md).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "authlog/event.h"
#include "authlog/rules.h"

namespace etguard::authlog {

struct AccountSnapshot {
  bool locked = false;
  std::uint16_t consecutive_failures = 0;
  bool customer = false;
  std::int64_t password_changed_ms = -1;
};

struct Finding {
  std::string type;  // the yardstick's type names
  std::vector<std::string> accounts;
  std::vector<std::string> ips;
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  std::vector<std::uint64_t> event_ids;
};

struct DailySummary {
  std::uint64_t login_success_total = 0;
  std::uint64_t login_failure_total = 0;
  std::map<std::string, std::uint64_t> failure_by_reason;
  std::map<std::string, std::uint64_t> failure_by_service;
  std::uint64_t unknown_account_attempts = 0;
  std::uint64_t unknown_account_distinct_names = 0;
  std::uint64_t unknown_account_distinct_ips = 0;
  std::uint64_t account_locks = 0;
  std::uint64_t account_unlocks = 0;
};

// What the Art. 36(7) daily report shows beyond the summary's counts.
struct Tally {
  std::string name;
  std::uint64_t count = 0;     // login failures (or attempts)
  std::uint64_t distinct = 0;  // distinct accounts of a source, or sources of an account
};

struct DayDetail {
  std::vector<Tally> top_sources;      // by login failures; distinct accounts tried
  std::vector<Tally> top_accounts;     // existing accounts by login failures; distinct sources
  std::vector<Tally> unknown_names;    // names that are no account: attempts, distinct sources
  std::vector<Tally> locked_accounts;  // locks per account
  std::vector<Tally> unlocked_accounts;
  std::array<std::uint64_t, 24> failures_by_hour{};  // by local hour (UTC+8, the trading day)
  std::int64_t first_ms = 0;                         // the earliest and latest event
  std::int64_t last_ms = 0;
};

class Analyzer {
 public:
  Analyzer(Interner& strings, Policy policy);
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;
  Analyzer(Analyzer&&) = delete;
  Analyzer& operator=(Analyzer&&) = delete;

  // The actions whose user and address the rules read (logins, locks,
  // unlocks, password changes, trades); the others' may be left 0.
  static ActionSet actions_with_names();

  void set_account(std::uint32_t user, const AccountSnapshot& snapshot);
  // Events may arrive out of order by up to the reorder window.
  void add(const Event& event);
  // Ends the day: every pending check is decided.
  void finish();

  // Called with every event as it is processed, in time order.
  void on_processed(std::function<void(const Event&)> sink);
  // The findings decided since the last call, for following a live log: a
  // policy finding as soon as its window closes, the rest at finish().
  std::span<const Finding> newly_decided();

  std::vector<Finding>& findings();
  const DailySummary& summary() const;
  // The report's lists, longest first, each cut to `top` entries (ties by name).
  DayDetail detail(std::size_t top) const;
  std::uint64_t reordered_too_late() const;  // events older than the window allowed
  // Events far ahead of the rest (beyond the reorder window) that the next
  // event did not follow: kept aside and processed in time order later.
  std::uint64_t far_ahead() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace etguard::authlog
