// The shape of an auth-log check: metadata plus a pure function of one day's
// analysis (authlog::DayResult). Each check folder declares one of these.
#pragma once

#include <span>
#include <string_view>

#include "authlog/analyzer.h"
#include "checks/check.h"

namespace etguard::authlog_checks {

// What a check reads of the analyzed day.
struct DayResult {
  const std::vector<authlog::Finding>* findings = nullptr;
  const authlog::DailySummary* summary = nullptr;
  std::uint64_t events = 0;
  std::uint64_t malformed = 0;
  // The Art. 36(7) daily report (etguard.authlog.daily_report, without the
  // verdicts); authlog.daily_monitoring keeps it as its evidence.
  const nlohmann::ordered_json* report = nullptr;
};

using Evaluate = check::Assessment (*)(const DayResult& day);

struct AuthlogCheck {
  const check::CheckInfo& (*metadata)();
  Evaluate evaluate;
};

// A finding type and the reason it gives when present.
struct TypeReason {
  std::string_view type;  // authlog finding type, e.g. "lockout_not_enforced"
  std::string_view code;  // reason code, e.g. "LOCKOUT_NOT_ENFORCED"
  std::string_view en;
  std::string_view zh;
  bool warning = false;
};

// The verdict from the findings of the listed types: fail (or warn) with the
// count of each; error when the day has no events to judge.
check::Assessment assess(const DayResult& day, std::span<const TypeReason> reasons);

}  // namespace etguard::authlog_checks
