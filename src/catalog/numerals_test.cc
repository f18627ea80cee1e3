#include "catalog/numerals.h"

#include <gtest/gtest.h>

namespace etguard::catalog {
namespace {

TEST(ChineseNumeral, WritesTheGuidelinesNumbers) {
  EXPECT_EQ(chinese_numeral(1), "一");
  EXPECT_EQ(chinese_numeral(10), "十");
  EXPECT_EQ(chinese_numeral(12), "十二");
  EXPECT_EQ(chinese_numeral(20), "二十");
  EXPECT_EQ(chinese_numeral(54), "五十四");
}

TEST(ChineseNumeral, ParsesWhatItWritesFrom1To99) {
  for (int value = 1; value <= 99; ++value) {
    EXPECT_EQ(parse_chinese_numeral(chinese_numeral(value)), value) << value;
  }
}

TEST(ChineseNumeral, RejectsWhatIsNotANumeral) {
  EXPECT_EQ(parse_chinese_numeral(""), std::nullopt);
  EXPECT_EQ(parse_chinese_numeral("一十"), std::nullopt);  // written 十
  EXPECT_EQ(parse_chinese_numeral("百"), std::nullopt);
  EXPECT_EQ(parse_chinese_numeral("十十"), std::nullopt);
  EXPECT_EQ(parse_chinese_numeral("8"), std::nullopt);
}

}  // namespace
}  // namespace etguard::catalog
