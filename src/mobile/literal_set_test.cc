#include "mobile/literal_set.h"

#include <gtest/gtest.h>

#include <array>
#include <stdexcept>
#include <string>

namespace etguard::mobile {
namespace {

constexpr std::array<std::string_view, 4> kMarkers{"rootbeer", "/system/xbin/su", "frida-server",
                                                   "isRooted"};

TEST(LiteralSet, NamesEachLiteralFoundOnceInOrder) {
  const LiteralSet set(kMarkers);
  EXPECT_EQ(set.found_in("a isRooted b\nLcom/scottyab/rootbeer/X;\nisRooted\n"),
            (std::vector<std::size_t>{0, 3}));
  EXPECT_TRUE(set.found_in("nothing here").empty());
  EXPECT_TRUE(set.found_in("").empty());
  EXPECT_EQ(set.found_in("/system/xbin/su"), std::vector<std::size_t>{1});
}

TEST(LiteralSet, RefusesLiteralsItCannotScanFor) {
  constexpr std::array<std::string_view, 1> kEmpty{""};
  EXPECT_THROW(LiteralSet{kEmpty}, std::logic_error);
  const std::string long_one(LiteralSet::kMaxLiteral + 1, 'x');
  const std::array<std::string_view, 1> too_long{long_one};
  EXPECT_THROW(LiteralSet{too_long}, std::logic_error);
}

}  // namespace
}  // namespace etguard::mobile
