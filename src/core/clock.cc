#include "core/clock.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <stdexcept>

namespace etguard {
namespace {

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

}  // namespace

std::string Clock::utc_now() const {
  const TimePoint now = this->now();
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z",
                     std::chrono::time_point_cast<std::chrono::seconds>(now), millis);
}

std::string Clock::utc_today() const {
  return utc_now().substr(0, 10);
}

std::optional<int> days_until(std::string_view from, std::string_view to) {
  const auto start = parse_utc(from);
  const auto end = parse_utc(to);
  if (!start || !end) {
    return std::nullopt;
  }
  return static_cast<int>(
      (std::chrono::floor<std::chrono::days>(*end) - std::chrono::floor<std::chrono::days>(*start))
          .count());
}

const Clock& system_clock() {
  static const SystemClock clock;
  return clock;
}

std::optional<TimePoint> parse_utc(std::string_view iso) {
  // YYYY-MM-DD, optionally followed by THH:MM:SS and more.
  const auto field = [&iso](std::size_t at, std::size_t width) {
    int value = -1;
    if (iso.size() >= at + width) {
      std::from_chars(iso.data() + at, iso.data() + at + width, value);
    }
    return value;
  };
  const bool with_time = iso.size() >= 19 && iso[10] == 'T';
  const int year = field(0, 4);
  const int month = field(5, 2);
  const int day = field(8, 2);
  const int hour = with_time ? field(11, 2) : 0;
  const int minute = with_time ? field(14, 2) : 0;
  const int second = with_time ? field(17, 2) : 0;
  const std::chrono::year_month_day date{std::chrono::year{year},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  // A TimePoint counts nanoseconds in 64 bits: 1677 to 2262. Years outside
  // 1900-2199 are refused rather than overflowed.
  constexpr int kFirstYear = 1900;
  constexpr int kLastYear = 2199;
  if ((iso.size() != 10 && !with_time) || year < kFirstYear || year > kLastYear || !date.ok() ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return std::nullopt;
  }
  return std::chrono::sys_days{date} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second};
}

FixedClock FixedClock::at(const std::string& iso) {
  const auto instant = parse_utc(iso);
  if (!instant) {
    throw std::invalid_argument("FixedClock::at: not an ISO 8601 UTC time: " + iso);
  }
  return FixedClock(*instant);
}

std::string add_months(const std::string& date, int months) {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  if (std::sscanf(date.c_str(), "%d-%u-%u", &year, &month, &day) != 3) {  // NOLINT(cert-err34-c)
    return {};
  }
  const std::chrono::year_month start{std::chrono::year{year}, std::chrono::month{month}};
  const std::chrono::year_month end = start + std::chrono::months{months};
  const unsigned last = static_cast<unsigned>(
      std::chrono::year_month_day_last{end.year(), std::chrono::month_day_last{end.month()}}.day());
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(end.year()),
                     static_cast<unsigned>(end.month()), std::min(day, last));
}

}  // namespace etguard
