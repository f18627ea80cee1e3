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

ByteSpan span_of(const std::string& bytes) {
  return {reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()};
}

void put32(std::string& bytes, std::size_t at, std::uint32_t value) {
  for (std::size_t i = 0; i < 4; ++i) {
    bytes[at + i] = static_cast<char>(value >> (8U * i));
  }
}

TEST(DexStrings, ReadsTheTableInOrder) {
  const std::string dex = good_dex();
  const auto strings = read_dex_strings(span_of(dex), "classes.dex");
  ASSERT_TRUE(strings) << strings.error().message;
  EXPECT_EQ(*strings,
            (std::vector<std::string>{"Lcom/scottyab/rootbeer/RootBeer;", "Ltw/example/trade/Main;",
                                      "com.google.android.play.core.integrity.IntegrityManager",
                                      "https://api.example.com.tw/v1/quote", "isRooted"}));
}

TEST(DexStrings, AHugeCountIsRefusedWithoutAllocating) {
  std::string dex = good_dex();
  put32(dex, 0x38, 0x7FFFFFFF);
  const auto strings = read_dex_strings(span_of(dex), "classes.dex");
  ASSERT_FALSE(strings);
  EXPECT_NE(strings.error().message.find("classes.dex: byte 0x38: 2147483647 string ids"),
            std::string::npos)
      << strings.error().message;
}

TEST(DexStrings, AStringOutsideTheFileOrUnterminatedIsAnError) {
  std::string outside = good_dex();
  put32(outside, 0x70, 0xFFFFFFF0);
  EXPECT_FALSE(read_dex_strings(span_of(outside), "classes.dex"));
  std::string unterminated = good_dex();
  const std::size_t last = unterminated.rfind("isRooted");
  unterminated.resize(last + 8);  // cut before its NUL
  const auto strings = read_dex_strings(span_of(unterminated), "classes.dex");
  ASSERT_FALSE(strings);
  EXPECT_NE(strings.error().message.find("runs past the file's end"), std::string::npos);
  EXPECT_FALSE(read_dex_strings(span_of(std::string("dey\n035")), "x.dex"));
}

}  // namespace
}  // namespace etguard::mobile
