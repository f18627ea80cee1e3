// The attack detectors of docs/authlog.md (the yardstick's rules): brute
// force per (source, account), distributed brute force on one account,
// password spraying and account enumeration per source, credential stuffing
// across quiet sources. Sources are IPv4 addresses or IPv6 /64 prefixes.
//
// Every login failure of the day is kept as one 24-byte record (a few per
// cent of the events) and the rules are decided at the end of the day, over
// copies sorted by key: no per-key containers, so a tracked key costs its
// failures' records and its interned strings. Several rules need the whole
// day (the spray ratio, quiet sources, day counts), so --follow reports the
// attacks when the day ends.
#pragma once

#include <cstdint>
#include <vector>

#include "authlog/analyzer.h"
#include "authlog/event.h"
#include "authlog/rules.h"

namespace etguard::authlog {

class AttackDetectors {
 public:
  explicit AttackDetectors(AttackPolicy policy = {}) : policy_(policy) {}

  struct Failure {
    std::int64_t time_ms;
    std::uint32_t source;  // 0: no address
    std::uint32_t user;
    bool existing;      // user.id present: an account of the firm
    bool unknown_user;  // event.reason unknown_user
    bool customer_channel;
  };

  void failure(const Event& event, bool customer_channel, bool unknown_user);
  void success(const Event& event);
  void finish(const Interner& strings, std::vector<Finding>& findings);
  // Every login failure so far, in time order.
  const std::vector<Failure>& failures() const { return failures_; }

 private:
  AttackPolicy policy_;
  std::vector<Failure> failures_;
  std::vector<std::uint32_t> successes_;  // source of every successful login
};

}  // namespace etguard::authlog
