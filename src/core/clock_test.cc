#include "core/clock.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace etguard {
namespace {

TEST(ClockTest, FixedClockReadsTheInstantItWasGiven) {
  FixedClock clock = FixedClock::at("2027-01-15T09:30:05Z");
  EXPECT_EQ(clock.utc_now(), "2027-01-15T09:30:05.000Z");
  EXPECT_EQ(clock.utc_today(), "2027-01-15");
  clock.advance(std::chrono::milliseconds(86'400'000 + 250));
  EXPECT_EQ(clock.utc_now(), "2027-01-16T09:30:05.250Z");
}

TEST(ClockTest, FixedClockAcceptsADateAlone) {
  EXPECT_EQ(FixedClock::at("2028-02-29").utc_now(), "2028-02-29T00:00:00.000Z");
}

TEST(ClockTest, FixedClockRefusesWhatIsNotADate) {
  EXPECT_THROW(FixedClock::at("2027-02-30"), std::invalid_argument);
  EXPECT_THROW(FixedClock::at("2027-01-15T25:00:00Z"), std::invalid_argument);
  EXPECT_THROW(FixedClock::at("yesterday"), std::invalid_argument);
}

// A date a TimePoint cannot hold (nanoseconds in 64 bits: 1677 to 2262) is
// refused, never overflowed (found by the findings_push fuzz target).
TEST(ClockTest, YearsATimePointCannotHoldAreRefused) {
  EXPECT_EQ(parse_utc("2589-03-01"), std::nullopt);
  EXPECT_EQ(parse_utc("9999-12-31T23:59:59Z"), std::nullopt);
  EXPECT_EQ(parse_utc("1000-01-01"), std::nullopt);
  EXPECT_EQ(parse_utc("-123-01-01"), std::nullopt);
  EXPECT_TRUE(parse_utc("2199-12-31T23:59:59Z"));
  EXPECT_TRUE(parse_utc("1900-01-01"));
  EXPECT_EQ(days_until("2027-01-01", "3000-01-01"), std::nullopt);
}

TEST(ClockTest, SystemClockReadsNow) {
  const auto before = std::chrono::system_clock::now();
  const auto read = system_clock().now();
  EXPECT_GE(read, before);
  EXPECT_EQ(system_clock().utc_now().size(), std::string("2026-11-26T16:59:31.123Z").size());
}

TEST(DaysUntil, WholeUtcDaysBetweenDatesOrTimes) {
  EXPECT_EQ(days_until("2027-03-01", "2027-03-20"), 19);
  EXPECT_EQ(days_until("2027-03-01", "2027-02-27"), -2);
  EXPECT_EQ(days_until("2027-03-01T23:59:59Z", "2027-03-02T00:00:01Z"), 1);  // by date
  EXPECT_EQ(days_until("2024-02-28", "2024-03-01"), 2);                      // a leap day
  EXPECT_EQ(days_until("2027-03-01", ""), std::nullopt);
  EXPECT_EQ(days_until("someday", "2027-03-01"), std::nullopt);
}

}  // namespace
}  // namespace etguard

namespace etguard {
namespace {

TEST(AddMonths, KeepsTheDayWithinTheMonthBothWays) {
  EXPECT_EQ(add_months("2027-01-31", 1), "2027-02-28");
  EXPECT_EQ(add_months("2028-01-31", 1), "2028-02-29");
  EXPECT_EQ(add_months("2026-12-06", -12), "2025-12-06");
  EXPECT_EQ(add_months("2027-03-31", -1), "2027-02-28");
  EXPECT_EQ(add_months("not a date", 1), "");
}

}  // namespace
}  // namespace etguard
