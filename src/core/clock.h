// The time, as the workspace records it: UTC ISO 8601 with milliseconds.
// Code above core reads it through a Clock handed to it (the application
// layer's environment), so tests set the instant instead of depending on today.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace etguard {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;

  // "2026-11-26T16:59:31.123Z"
  std::string utc_now() const;
  // "2026-11-26"
  std::string utc_today() const;
};

// "2027-01-15T09:00:00Z" (fractions of a second ignored) or "2027-01-15",
// years 1900 to 2199; nullopt for anything else.
std::optional<TimePoint> parse_utc(std::string_view iso);
// Whole days from the UTC date of `from` to that of `to` (negative when `to`
// is earlier); nullopt when either is not a time parse_utc reads.
std::optional<int> days_until(std::string_view from, std::string_view to);
// `date` (YYYY-MM-DD) plus `months` (negative: minus), the day kept within
// the month (2027-01-31 + 1 = 2027-02-28); empty when `date` is not a date.
std::string add_months(const std::string& date, int months);

// The machine's clock.
const Clock& system_clock();

// A clock that always reads `instant` (tests); advance() moves it on.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(TimePoint instant) : instant_(instant) {}
  // "2027-01-15T09:00:00Z" or "2027-01-15"; anything else is a programming error.
  static FixedClock at(const std::string& iso);
  TimePoint now() const override { return instant_; }
  void advance(std::chrono::milliseconds by) { instant_ += by; }

 private:
  TimePoint instant_;
};

}  // namespace etguard
