// The DEX string table reader on a DEX written by tools/mobile-lab/make_dex.py
// (inside testdata/good.apk) and on broken headers.
#include "mobile/dex_strings.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/zip_archive.h"

namespace etguard::mobile {
namespace {

std::string good_dex() {
  auto zip = ZipReader::open(std::string(ETG_SOURCE_DIR) + "/src/mobile/testdata/good.apk");
  EXPECT_TRUE(zip);
  const auto entry = std::ranges::find(zip->entries(), "classes.dex", &ZipEntry::name);
  EXPECT_NE(entry, zip->entries().end());
  return zip->read_whole(*entry, 1U << 20U).value();
}

void put32(std::string& bytes, std::size_t at, std::uint32_t value) {
  for (std::size_t i = 0; i < 4; ++i) {
    bytes[at + i] = static_cast<char>(value >> (8U * i));
  }
}

TEST(DexStrings, ReadsTheTableInOrder) {
  const std::string dex = good_dex();
  StringTable strings{"kept"};
  const auto count = read_dex_strings(bytes_of(dex), "classes.dex", strings);
  ASSERT_TRUE(count) << count.error().message;
  EXPECT_EQ(*count, 5U);
  EXPECT_EQ(strings.size(), 6U);
  EXPECT_EQ(strings.text(),
            "kept\nLcom/scottyab/rootbeer/RootBeer;\nLtw/example/trade/Main;\n"
            "com.google.android.play.core.integrity.IntegrityManager\n"
            "https://api.example.com.tw/v1/quote\nisRooted\n");
}

TEST(DexStrings, AHugeCountIsRefusedWithoutAllocating) {
  StringTable scratch;
  std::string dex = good_dex();
  put32(dex, 0x38, 0x7FFFFFFF);
  const auto strings = read_dex_strings(bytes_of(dex), "classes.dex", scratch);
  ASSERT_FALSE(strings);
  EXPECT_NE(strings.error().message.find("classes.dex: byte 0x38: 2147483647 string ids"),
            std::string::npos)
      << strings.error().message;
}

TEST(DexStrings, AStringOutsideTheFileOrUnterminatedIsAnError) {
  StringTable scratch;
  std::string outside = good_dex();
  put32(outside, 0x70, 0xFFFFFFF0);
  EXPECT_FALSE(read_dex_strings(bytes_of(outside), "classes.dex", scratch));
  std::string unterminated = good_dex();
  const std::size_t last = unterminated.rfind("isRooted");
  unterminated.resize(last + 8);  // cut before its NUL
  const auto strings = read_dex_strings(bytes_of(unterminated), "classes.dex", scratch);
  ASSERT_FALSE(strings);
  EXPECT_NE(strings.error().message.find("runs past the file's end"), std::string::npos);
  EXPECT_FALSE(read_dex_strings(bytes_of(std::string("dey\n035")), "x.dex", scratch));
  EXPECT_TRUE(scratch.empty());  // nothing appended on an error
}

TEST(DexStrings, TypeDescriptorsAreTold) {
  for (const char* type : {"Lcom/example/Main;", "[I", "[[Ljava/lang/String;", "V", "J"}) {
    EXPECT_TRUE(is_type_descriptor(type)) << type;
  }
  for (const char* data :
       {"L", "Lcom/example Main;", "https://x;", "LA;B;", "AKIAIOSFODNN7EXAMPLE", "", "[", "Lab"}) {
    EXPECT_FALSE(is_type_descriptor(data)) << data;
  }
}

}  // namespace
}  // namespace etguard::mobile
