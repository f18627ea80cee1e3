#include "core/lang.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace etguard {
namespace {

TEST(ParseLang, AcceptsTheCommonSpellings) {
  EXPECT_EQ(parse_lang("zh-TW"), Lang::kZhTw);
  EXPECT_EQ(parse_lang("zh_tw"), Lang::kZhTw);
  EXPECT_EQ(parse_lang("EN"), Lang::kEn);
  EXPECT_EQ(parse_lang("en-US"), Lang::kEn);
  EXPECT_EQ(parse_lang("fr"), std::nullopt);
}

TEST(LangFromEnvironment, ChineseWhenTheFirstSetVariableStartsWithZh) {
  ::unsetenv("LC_ALL");
  ::unsetenv("LC_MESSAGES");
  ::setenv("LANG", "zh_TW.UTF-8", 1);
  EXPECT_EQ(lang_from_environment(), Lang::kZhTw);
  ::setenv("LC_ALL", "C.UTF-8", 1);  // LC_ALL wins over LANG
  EXPECT_EQ(lang_from_environment(), Lang::kEn);
  ::unsetenv("LC_ALL");
  ::unsetenv("LANG");
  EXPECT_EQ(lang_from_environment(), Lang::kEn);
}

TEST(Text, FallsBackToTheOtherLanguageWhenEmpty) {
  const Text both{"應", "shall"};
  EXPECT_EQ(both.in(Lang::kZhTw), "應");
  EXPECT_EQ(both.in(Lang::kEn), "shall");
  const Text zh_only{"應", ""};
  EXPECT_EQ(zh_only.in(Lang::kEn), "應");
}

}  // namespace
}  // namespace etguard
