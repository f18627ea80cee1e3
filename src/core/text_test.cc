#include "core/text.h"

#include <gtest/gtest.h>

namespace etguard {
namespace {

TEST(UnsafeCharacter, FindsControlsAndBidiOverridesButNotTabsOrNewlines) {
  EXPECT_FALSE(unsafe_character_in("人資 SaaS\tline\nnext").has_value());
  const auto escape = unsafe_character_in("ab\x1b[31m");
  ASSERT_TRUE(escape.has_value());
  EXPECT_EQ(escape->index, 2U);
  EXPECT_EQ(escape->code_point, U'\x1b');
  EXPECT_EQ(unsafe_character_in("人資\u202Eexe.txt")->index, 2U);
  EXPECT_EQ(unsafe_character_in("a\u2067b")->code_point, U'\u2067');
  EXPECT_EQ(unsafe_character_in("c1\u0085")->code_point, U'\u0085');
  EXPECT_FALSE(unsafe_character_in("\u200F").has_value());  // a plain mark is text
}

TEST(DisplayWidth, CountsCjkAsTwoColumnsAndAsciiAsOne) {
  EXPECT_EQ(display_width("abc"), 3U);
  EXPECT_EQ(display_width("應"), 2U);
  EXPECT_EQ(display_width("ET-8 雲端"), 9U);
  EXPECT_EQ(display_width("（）"), 4U);  // full-width parentheses
}

TEST(TruncateToWidth, CutsAtCharacterBoundariesAndAddsEllipsis) {
  EXPECT_EQ(truncate_to_width("abcdef", 10), "abcdef");
  EXPECT_EQ(truncate_to_width("abcdef", 4), "abc…");
  // Three columns fit one wide character plus the ellipsis, never half of one.
  EXPECT_EQ(truncate_to_width("雲端服務", 4), "雲…");
  EXPECT_EQ(truncate_to_width("雲端服務", 3), "雲…");
}

TEST(WrapToWidth, BreaksLatinAtSpacesAndCjkAnywhere) {
  EXPECT_EQ(wrap_to_width("aaa bbb ccc", 7), (std::vector<std::string>{"aaa bbb", "ccc"}));
  EXPECT_EQ(wrap_to_width("雲端服務提供者", 6),
            (std::vector<std::string>{"雲端服", "務提供", "者"}));
}

TEST(WrapToWidth, KeepsTheSpaceWhenTheOverflowingCharacterIsASpace) {
  // Regression: "the risks of" wrapped as "the" / "risksof".
  const auto lines = wrap_to_width("understand the risks of its use", 20);
  std::string joined;
  for (const auto& line : lines) {
    joined += joined.empty() ? line : " " + line;
  }
  EXPECT_EQ(joined, "understand the risks of its use");
  for (const auto& line : lines) {
    EXPECT_LE(display_width(line), 20U) << line;
  }
}

TEST(StripWhitespace, RemovesAsciiAndIdeographicSpaces) {
  EXPECT_EQ(strip_whitespace(" 雲\n端\u3000服 務\t"), "雲端服務");
}

TEST(Trim, KeepsCharactersWhoseLastByteIsA0) {
  // Regression: 加 is E5 8A A0; its last byte was taken for U+00A0 and cut.
  EXPECT_EQ(trim("客戶資料加 "), "客戶資料加");
  EXPECT_EQ(trim("\u3000加\u00A0"), "加");
}

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(edit_distance("ET-8.9", "ET-8.7"), 1U);
  EXPECT_EQ(edit_distance("", "abc"), 3U);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3U);
}

TEST(FindAsciiNocase, IgnoresCase) {
  EXPECT_EQ(find_ascii_nocase("Multi-Factor", "multi-f"), 0U);
  EXPECT_EQ(find_ascii_nocase("abc", "x"), std::string_view::npos);
}

TEST(Utf8, FindsTheFirstIllFormedSequence) {
  EXPECT_EQ(invalid_utf8_at("網路下單 trading"), std::nullopt);
  EXPECT_EQ(invalid_utf8_at("\xEF\xBF\xBD"), std::nullopt);  // U+FFFD itself is valid
  EXPECT_EQ(invalid_utf8_at("ab\xFF"), 2U);
  EXPECT_EQ(invalid_utf8_at("\xC0\xAF"), 0U);          // overlong '/'
  EXPECT_EQ(invalid_utf8_at("x\xED\xA0\x80"), 1U);     // a surrogate
  EXPECT_EQ(invalid_utf8_at("\xF4\x90\x80\x80"), 0U);  // above U+10FFFF
  EXPECT_EQ(invalid_utf8_at("\xE7\xB6"), 0U);          // truncated
}

TEST(EscapeHtml, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(escape_html("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
  EXPECT_EQ(escape_html("雲端"), "雲端");
}

}  // namespace
}  // namespace etguard
