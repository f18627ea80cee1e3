// The interner and the id table: the two flat hash tables under the analyzer.
#include "authlog/interner.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

#include "authlog/id_table.h"

namespace etguard::authlog {
namespace {

TEST(Interner, SameTextSameIdAcrossGrowthAndViewsStayValid) {
  Interner strings;
  EXPECT_EQ(strings.intern(""), 0U);
  const std::string_view first = strings.text(strings.intern("A123456789"));
  std::vector<std::uint32_t> ids;
  ids.reserve(200'000);
  for (int i = 0; i < 200'000; ++i) {
    ids.push_back(strings.intern("user-" + std::to_string(i)));
  }
  EXPECT_EQ(first, "A123456789");  // records never move
  for (int i = 0; i < 200'000; i += 997) {
    EXPECT_EQ(strings.intern("user-" + std::to_string(i)), ids[static_cast<std::size_t>(i)]);
    EXPECT_EQ(strings.text(ids[static_cast<std::size_t>(i)]), "user-" + std::to_string(i));
  }
  EXPECT_EQ(strings.size(), 200'002U);
}

TEST(Interner, LongAndBinaryTextsKeepTheirLength) {
  Interner strings;
  const std::string long_text(300, 'x');        // past the one-byte length
  const std::string huge_text(3U << 20U, 'y');  // larger than a block
  const std::string with_nul("a\0b", 3);
  const std::uint32_t a = strings.intern(long_text);
  const std::uint32_t b = strings.intern(huge_text);
  const std::uint32_t c = strings.intern(with_nul);
  EXPECT_EQ(strings.text(a), long_text);
  EXPECT_EQ(strings.text(b), huge_text);
  EXPECT_EQ(strings.text(c), with_nul);
  EXPECT_NE(strings.intern(std::string(299, 'x')), a);
  EXPECT_EQ(strings.intern(long_text), a);
}

TEST(Interner, TenCharacterNamesCostUnderFortyEightBytes) {
  Interner strings;
  const std::size_t before = strings.memory_bytes();
  constexpr int kNames = 400'000;
  for (int i = 0; i < kNames; ++i) {
    strings.intern(std::string("A") + std::to_string(100'000'000 + i));
  }
  const double per_name = static_cast<double>(strings.memory_bytes() - before) / kNames;
  EXPECT_LT(per_name, 48.0);  // with the 16-byte account state: under 64 per idle account
}

TEST(IdTable, MatchesAMapUnderRandomPutsAndErases) {
  IdTable table;
  std::map<std::uint64_t, std::uint64_t> model;
  std::mt19937_64 random(7);
  for (int step = 0; step < 200'000; ++step) {
    // A small key space, so erases hit and probe runs wrap around.
    const std::uint64_t key = 1 + random() % 5'000;
    if (random() % 3 == 0) {
      table.erase(key);
      model.erase(key);
    } else {
      table.put(key, static_cast<std::uint64_t>(step));
      model[key] = static_cast<std::uint64_t>(step);
    }
  }
  EXPECT_EQ(table.size(), model.size());
  for (std::uint64_t key = 1; key <= 5'000; ++key) {
    const auto found = table.find(key);
    const auto expected = model.find(key);
    ASSERT_EQ(found.has_value(), expected != model.end()) << key;
    if (found) {
      EXPECT_EQ(*found, expected->second);
    }
  }
}

TEST(IdTable, KeyZeroIsNeverStored) {
  IdTable table;
  table.put(0, 5);
  EXPECT_FALSE(table.find(0).has_value());
  EXPECT_EQ(table.size(), 0U);
}

}  // namespace
}  // namespace etguard::authlog
