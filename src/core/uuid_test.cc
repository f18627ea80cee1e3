#include "core/uuid.h"

#include <gtest/gtest.h>

#include <regex>

namespace etguard {
namespace {

TEST(NameBasedUuid, IsAVersion5UuidStableForTheSameName) {
  const std::string first = name_based_uuid("etg:2024-12-27:en:catalog").value();
  EXPECT_TRUE(std::regex_match(
      first, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
      << first;
  EXPECT_EQ(first, name_based_uuid("etg:2024-12-27:en:catalog").value());
  EXPECT_NE(first, name_based_uuid("etg:2024-12-27:zh-TW:catalog").value());
}

}  // namespace
}  // namespace etguard
