// The attack detectors of docs/authlog.md (the yardstick's rules): brute
// force per (source, account), distributed brute force on one account,
// password spraying and account enumeration per source, credential stuffing
// across quiet sources. Sources are IPv4 addresses or IPv6 /64 prefixes.
//
// This version keeps every login failure of the day (a few per cent of the
// events) and decides at the end of the day; --follow will need the
// incremental form.
#pragma once

#include <cstdint>
#include <vector>

#include "authlog/analyzer.h"
#include "authlog/event.h"

namespace etguard::authlog {

struct AttackPolicy {
  std::int64_t merge_gap_ms = 30LL * 60'000;  // triggered windows closer than this merge
  // brute_force: one (source, existing account)
  int brute_short = 10;
  std::int64_t brute_short_ms = 10LL * 60'000;
  int brute_long = 20;
  std::int64_t hour_ms = 60LL * 60'000;
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
  // credential_stuffing: 30-minute buckets of quiet sources
  std::int64_t bucket_ms = 30LL * 60'000;
  int quiet_max_failures = 10;
  int hot_sources = 50;
  int hot_names = 100;
};

class AttackDetectors {
 public:
  explicit AttackDetectors(AttackPolicy policy = {}) : policy_(policy) {}

  void failure(const Event& event, bool customer_channel);
  void success(const Event& event);
  void finish(const Interner& strings, std::vector<Finding>& findings);

 private:
  struct Failure {
    std::int64_t time_ms;
    std::uint32_t source;
    std::uint32_t user;
    bool existing;
    bool customer_channel;
  };
  AttackPolicy policy_;
  std::vector<Failure> failures_;
  std::vector<std::uint32_t> successes_;  // source of every successful login
};

}  // namespace etguard::authlog
