#include "authlog/event.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace etguard::authlog {
namespace {

// Days since 1970-01-01 of a civil date (proleptic Gregorian).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// The number in text[at, at + count); false unless every byte is a digit.
bool digits(std::string_view text, std::size_t at, std::size_t count, int& value) {
  if (at + count > text.size()) {
    return false;
  }
  value = 0;
  unsigned invalid = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    const auto digit = static_cast<unsigned>(text[i] - '0');
    invalid |= digit > 9 ? 1U : 0U;
    value = value * 10 + static_cast<int>(digit);
  }
  return invalid == 0;
}

bool is_leap(int year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int days_in_month(int year, int month) {
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return kDays.at(static_cast<std::size_t>(month - 1)) + (month == 2 && is_leap(year) ? 1 : 0);
}

// The last date read and its day number: a log's times mostly share a date.
struct LastDate {
  std::array<char, 10> text{};
  std::int64_t days = 0;
};
thread_local LastDate last_date;

// Authentication logs are dated between these years; 0001 and 9999 are
// placeholders of broken exporters, not times.
constexpr int kFirstYear = 1970;
constexpr int kLastYear = 2199;

// Days since 1970-01-01 of "YYYY-MM-DD" at the start of `text`; false when it
// is not a date or lies outside the years of authentication logs.
bool date_days(std::string_view text, std::int64_t& days) {
  if (text.size() >= last_date.text.size() &&
      std::equal(last_date.text.begin(), last_date.text.end(), text.begin())) {
    days = last_date.days;
    return true;
  }
  int year = 0;
  int month = 0;
  int day = 0;
  if (text.size() < 10 || !digits(text, 0, 4, year) || text[4] != '-' ||
      !digits(text, 5, 2, month) || text[7] != '-' || !digits(text, 8, 2, day) ||
      year < kFirstYear || year > kLastYear || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, month)) {
    return false;
  }
  days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  std::copy_n(text.begin(), last_date.text.size(), last_date.text.begin());
  last_date.days = days;
  return true;
}

}  // namespace

bool parse_time(std::string_view text, std::int64_t& ms) {
  int hour = 0;
  int minute = 0;
  int second = 0;
  std::int64_t days = 0;
  if (text.size() < 20 || !date_days(text, days) || (text[10] != 'T' && text[10] != ' ') ||
      !digits(text, 11, 2, hour) || text[13] != ':' || !digits(text, 14, 2, minute) ||
      text[16] != ':' || !digits(text, 17, 2, second) || hour > 23 || minute > 59 || second > 60) {
    return false;
  }
  std::size_t pos = 19;
  int millis = 0;
  if (pos < text.size() && text[pos] == '.') {
    std::size_t end = pos + 1;
    int scale = 100;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') {
      millis += (text[end] - '0') * scale;
      scale /= 10;
      ++end;
    }
    pos = end;
  }
  std::int64_t offset_s = 0;
  if (pos < text.size() && text[pos] == 'Z') {
    ++pos;
  } else if (pos + 6 <= text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int oh = 0;
    int om = 0;
    if (!digits(text, pos + 1, 2, oh) || text[pos + 3] != ':' || !digits(text, pos + 4, 2, om)) {
      return false;
    }
    offset_s = (text[pos] == '+' ? 1 : -1) * (std::int64_t{oh} * 3600 + std::int64_t{om} * 60);
    pos += 6;
  } else {
    return false;
  }
  if (pos != text.size()) {
    return false;
  }
  ms =
      ((days * 86400 + std::int64_t{hour} * 3600 + std::int64_t{minute} * 60 + second) - offset_s) *
          1000 +
      millis;
  return true;
}

std::string format_time(std::int64_t ms) {
  std::int64_t seconds = ms / 1000;
  int millis = static_cast<int>(ms % 1000);
  if (millis < 0) {
    millis += 1000;
    --seconds;
  }
  std::int64_t days = seconds / 86400;
  std::int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  // civil_from_days
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", year, month, day, rest / 3600,
                     rest % 3600 / 60, rest % 60, millis);
}

}  // namespace etguard::authlog
