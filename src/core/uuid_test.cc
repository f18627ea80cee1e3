#include "core/uuid.h"

#include <gtest/gtest.h>

#include "support/uuid_form.h"

namespace etguard {
namespace {

TEST(NameBasedUuid, TheFormCheckRefusesWhatIsNotAVersion5Uuid) {
  EXPECT_TRUE(test_support::is_version5_uuid("6ba7b810-9dad-51d1-80b4-00c04fd430c8"));
  EXPECT_FALSE(
      test_support::is_version5_uuid("6ba7b810-9dad-41d1-80b4-00c04fd430c8"));  // version 4
  EXPECT_FALSE(test_support::is_version5_uuid("6ba7b810-9dad-51d1-c0b4-00c04fd430c8"));  // variant
  EXPECT_FALSE(
      test_support::is_version5_uuid("6BA7B810-9DAD-51D1-80B4-00C04FD430C8"));  // upper case
  EXPECT_FALSE(test_support::is_version5_uuid("6ba7b810-9dad-51d1-80b4-00c04fd430c"));   // short
  EXPECT_FALSE(test_support::is_version5_uuid("6ba7b8109-dad-51d1-80b4-00c04fd430c8"));  // hyphen
}

TEST(NameBasedUuid, IsAVersion5UuidStableForTheSameName) {
  const std::string first = name_based_uuid("etg:2024-12-27:en:catalog").value();
  EXPECT_TRUE(test_support::is_version5_uuid(first)) << first;
  EXPECT_EQ(first, name_based_uuid("etg:2024-12-27:en:catalog").value());
  EXPECT_NE(first, name_based_uuid("etg:2024-12-27:zh-TW:catalog").value());
}

}  // namespace
}  // namespace etguard
