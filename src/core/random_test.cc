#include "core/random.h"

#include <gtest/gtest.h>

#include <array>

namespace etguard {
namespace {

TEST(RandomTest, SeededStreamsRepeatAndDiffer) {
  std::array<std::uint8_t, 48> a{};
  std::array<std::uint8_t, 48> b{};
  std::array<std::uint8_t, 48> c{};
  ASSERT_TRUE(SeededRandom(7).fill(a));
  ASSERT_TRUE(SeededRandom(7).fill(b));
  ASSERT_TRUE(SeededRandom(8).fill(c));
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

TEST(RandomTest, TheSystemsBytesAreNotAllAlike) {
  std::array<std::uint8_t, 32> a{};
  std::array<std::uint8_t, 32> b{};
  ASSERT_TRUE(system_random().fill(a));
  ASSERT_TRUE(system_random().fill(b));
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace etguard
