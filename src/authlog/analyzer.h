// The authentication-log analyzer: events in time order (a bounded reorder
// window absorbs clock skew and late delivery), account state from the
// 00:00 snapshot, and the Art. 35–37 policy rules of the yardstick
// (../shared/bench/authlog/README.md, docs/authlog.md).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "authlog/event.h"

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

struct Policy {
  int lock_threshold = 5;                         // Art. 36(5)
  std::int64_t notification_window_ms = 300'000;  // Art. 37(2): ±300 s
  std::int64_t prompt_window_ms = 60'000;         // Art. 36(6)
  std::int64_t password_max_age_ms = 90LL * 86'400'000;
  std::int64_t reorder_window_ms = 300'000;
};

class Analyzer {
 public:
  Analyzer(Interner& strings, Policy policy);
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;
  Analyzer(Analyzer&&) = delete;
  Analyzer& operator=(Analyzer&&) = delete;

  void set_account(std::uint32_t user, const AccountSnapshot& snapshot);
  // Events may arrive out of order by up to the reorder window.
  void add(const Event& event);
  // Ends the day: every pending check is decided.
  void finish();

  std::vector<Finding>& findings();
  const DailySummary& summary() const;
  std::uint64_t reordered_too_late() const;  // events older than the window allowed

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace etguard::authlog
