#include "core/huge_array.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace etguard {
namespace {

struct Record {
  std::uint16_t count = 7;
  bool flag = false;
  std::int64_t when = -1;
};

TEST(HugeArray, NewElementsAreValueInitializedAcrossChunks) {
  HugeArray<Record> records;
  EXPECT_TRUE(records.empty());
  const std::size_t count = HugeArray<Record>::kPerChunk * 2 + 3;
  records.grow_to(count);
  ASSERT_EQ(records.size(), count);
  for (const std::size_t i : {std::size_t{0}, HugeArray<Record>::kPerChunk - 1,
                              HugeArray<Record>::kPerChunk, count - 1}) {
    EXPECT_EQ(records[i].count, 7);
    EXPECT_FALSE(records[i].flag);
    EXPECT_EQ(records[i].when, -1);
  }
  EXPECT_EQ(records.memory_bytes(), 3 * kHugePageBytes);
}

TEST(HugeArray, ElementsKeepTheirValuesAndAddressesWhenItGrows) {
  HugeArray<std::uint64_t> values;
  for (std::uint64_t i = 0; i < 1000; ++i) {
    values.push_back(i * 3);
  }
  const std::uint64_t* first = &values[0];
  values.grow_to(HugeArray<std::uint64_t>::kPerChunk * 3);
  EXPECT_EQ(first, &values[0]);
  for (std::uint64_t i = 0; i < 1000; ++i) {
    ASSERT_EQ(values[i], i * 3);
  }
  EXPECT_EQ(values[1000], 0U);
  values.grow_to(10);  // never shrinks
  EXPECT_EQ(values.size(), HugeArray<std::uint64_t>::kPerChunk * 3);
}

}  // namespace
}  // namespace etguard
