// The analyzer's rules as data: every threshold and window of the policy and
// attack rules (docs/authlog.md), defaulting to the guideline's numbers and the
// yardstick's definitions, overridable by a rules file (--rules, YAML) that
// holds any subset of what --print-rules writes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace etguard::authlog {

struct AttackPolicy {
  std::int64_t merge_gap_ms = 30LL * 60'000;  // triggered windows closer than this merge
  std::int64_t hour_ms = 60LL * 60'000;       // the short window of every attack rule
  // brute_force: one (source, existing account)
  int brute_short = 10;
  std::int64_t brute_short_ms = 10LL * 60'000;
  int brute_long = 20;  // in hour_ms
  // distributed_brute_force: one existing account
  int distributed_hour = 20;
  int distributed_hour_sources = 5;
  int distributed_day = 50;
  int distributed_day_sources = 10;
  // password_spray / account_enumeration: one source
  int spray_hour_accounts = 20;
  int spray_day_accounts = 50;
  double spray_failure_ratio = 0.8;
  double spray_failures_per_account = 3;
  int enumeration_hour_names = 20;
  int enumeration_day_names = 50;
  double enumeration_unknown_share = 0.8;
  // credential_stuffing: buckets of quiet sources
  std::int64_t bucket_ms = 30LL * 60'000;
  int quiet_max_failures = 10;
  int hot_sources = 50;
  int hot_names = 100;
};

struct Policy {
  int lock_threshold = 5;                         // Art. 36(5)
  std::int64_t notification_window_ms = 300'000;  // Art. 37(2): ±300 s
  std::int64_t prompt_window_ms = 60'000;         // Art. 36(6)
  std::int64_t password_max_age_ms = 90LL * 86'400'000;
  std::int64_t reorder_window_ms = 300'000;
  // Services where customers log in; only their failures can be credential
  // stuffing. An event without a service (an sshd line) counts as one.
  std::vector<std::string> customer_channels{"eb-web", "eb-mobile", "eb-api"};
  AttackPolicy attacks;
};

// Reads a rules file over the defaults. Errors name the file, the line and
// the problem (an unknown key, a value that is not a positive number, a
// ratio outside (0, 1]).
Result<Policy> load_rules(const std::string& path);

// The rules of `policy` as a rules file.
std::string rules_yaml(const Policy& policy);

}  // namespace etguard::authlog
