#include "mobile/string_table.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace etguard::mobile {
namespace {

TEST(StringTable, FindsWholeStringsPartsAndPrefixes) {
  const StringTable table{"http://first.example/", "Lcom/scottyab/rootbeer/RootBeer;", "isRooted",
                          "no http://here", "http://second.example/x"};
  EXPECT_EQ(table.size(), 5U);
  EXPECT_TRUE(table.has("isRooted"));
  EXPECT_FALSE(table.has("Rooted"));
  EXPECT_FALSE(table.has("isRoot"));
  EXPECT_TRUE(table.has("http://first.example/"));  // the very first string
  EXPECT_EQ(table.line_containing("rootbeer"), "Lcom/scottyab/rootbeer/RootBeer;");
  EXPECT_EQ(table.line_containing("absent"), "");
  std::vector<std::string> endpoints;
  table.for_each_starting_with("http://",
                               [&](std::string_view text) { endpoints.emplace_back(text); });
  EXPECT_EQ(endpoints,
            (std::vector<std::string>{"http://first.example/", "http://second.example/x"}));
}

TEST(StringTable, AppendingKeepsCountsAndOrder) {
  StringTable table{"a"};
  table.append(StringTable{"b", "c"});
  EXPECT_EQ(table.size(), 3U);
  EXPECT_EQ(table.text(), "a\nb\nc\n");
  EXPECT_TRUE(StringTable{}.empty());
  EXPECT_FALSE(StringTable{}.has(""));
}

}  // namespace
}  // namespace etguard::mobile
