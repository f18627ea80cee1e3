#include "iot/vulns/product.h"

#include <gtest/gtest.h>

namespace etguard::iot::vulns {
namespace {

TEST(ParseCpe, ReadsFormattedStringsAndUris) {
  const auto formatted = parse_cpe("cpe:2.3:o:Hikvision:ds-2cd2032-i_firmware:5.4.0:*:*:*:*:*:*:*");
  ASSERT_TRUE(formatted);
  EXPECT_EQ(formatted->part, 'o');
  EXPECT_EQ(formatted->vendor, "hikvision");
  EXPECT_EQ(formatted->product, "ds-2cd2032-i_firmware");
  EXPECT_EQ(formatted->version, "5.4.0");

  const auto uri = parse_cpe("cpe:/a:busybox:busybox:1.19.4");
  ASSERT_TRUE(uri);
  EXPECT_EQ(uri->part, 'a');
  EXPECT_EQ(uri->product, "busybox");
  EXPECT_EQ(uri->version, "1.19.4");
}

TEST(ParseCpe, UnescapesAndTakesWildcardsAsNoVersion) {
  const auto quoted =
      parse_cpe(R"(cpe:2.3:o:hikvision:ds-2cd2026g2-iu\/sl_firmware:*:*:*:*:*:*:*:*)");
  ASSERT_TRUE(quoted);
  EXPECT_EQ(quoted->product, "ds-2cd2026g2-iu/sl_firmware");
  EXPECT_EQ(quoted->version, "");
  EXPECT_EQ(parse_cpe("cpe:2.3:h:vendor:device:-:*:*:*:*:*:*:*")->version, "");
  EXPECT_EQ(parse_cpe("cpe:/a:acme:web%20server")->product, "web server");
  EXPECT_EQ(parse_cpe("cpe:/h:hikvision:ds-2cd2032-i")->version, "");
}

TEST(ParseCpe, RefusesWhatIsNotACpeName) {
  EXPECT_FALSE(parse_cpe(""));
  EXPECT_FALSE(parse_cpe("busybox 1.19"));
  EXPECT_FALSE(parse_cpe("cpe:2.3:o:vendor"));
  EXPECT_FALSE(parse_cpe("cpe:2.3:os:vendor:product"));
  EXPECT_FALSE(parse_cpe("cpe:/a:vendor:"));
}

TEST(CompareVersions, OrdersNumbersAsNumbersAndMissingPartsAsZero) {
  EXPECT_LT(compare_versions("1.9", "1.10"), 0);
  EXPECT_GT(compare_versions("2.0.12", "2.0.11"), 0);
  EXPECT_EQ(compare_versions("1.2", "1.2.0"), 0);
  EXPECT_EQ(compare_versions("V5.4.0", "v5.4.000"), 0);
  EXPECT_EQ(compare_versions("5_4_0", "5.4.0"), 0);
  EXPECT_LT(compare_versions("5.4.0 build 160530", "5.4.0 build 170101"), 0);
  EXPECT_GT(compare_versions("66.85.0.10", "66.85.0.5"), 0);
}

TEST(CompareVersions, LettersOrderBeforeNumbersAndWithoutCase) {
  EXPECT_LT(compare_versions("2.0a", "2.0b"), 0);
  EXPECT_EQ(compare_versions("2.0B", "2.0b"), 0);
  EXPECT_LT(compare_versions("1.0rc1", "1.0"), 0);  // a release candidate precedes its release
  EXPECT_LT(compare_versions("1.0", "1.0.1"), 0);
  EXPECT_EQ(compare_versions("", ""), 0);
}

}  // namespace
}  // namespace etguard::iot::vulns
