// Issue 14.10: every --help text, at every level, in both languages. The
// whole command tree is built as main() builds it, once per language, and
// every description, option and footer is read.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "cli/app.h"

namespace etguard::cli {
namespace {

bool has_cjk(const std::string& text) {
  // U+3000-U+9FFF and U+FF00-U+FFEF start with these lead bytes in UTF-8.
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead >= 0xE3 && lead <= 0xE9) {
      return true;
    }
    if (lead == 0xEF && static_cast<unsigned char>(text[i + 1]) >= 0xBC) {
      return true;
    }
  }
  return false;
}

// Words the same in both languages: a list of values ("yaml | xlsx").
bool is_value_list(std::string_view text) {
  constexpr std::string_view kSeparator = " | ";
  int values = 0;
  while (true) {
    const std::size_t end = text.find(kSeparator);
    const std::string_view value = text.substr(0, end);
    const bool word = !value.empty() && std::ranges::all_of(value, [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    });
    if (!word) {
      return false;
    }
    ++values;
    if (end == std::string_view::npos) {
      return values >= 2;
    }
    text.remove_prefix(end + kSeparator.size());
  }
}

struct Text {
  std::string where;
  std::string text;
};

void collect(const CLI::App& app, const std::string& path, std::vector<Text>& texts) {
  texts.push_back({path + " (description)", app.get_description()});
  if (!app.get_footer().empty()) {
    texts.push_back({path + " (footer)", app.get_footer()});
  }
  for (const CLI::Option* option : app.get_options()) {
    texts.push_back({path + " " + option->get_name(), option->get_description()});
  }
  for (const CLI::App* sub : app.get_subcommands({})) {
    collect(*sub, path + " " + sub->get_name(), texts);
  }
}

std::vector<Text> every_text(Lang lang) {
  Invocation invocation;
  const auto app = make_app(Help(lang), invocation);
  std::vector<Text> texts;
  collect(*app, "etguard", texts);
  return texts;
}

TEST(HelpTest, EveryHelpTextHasItsTraditionalChineseForm) {
  const std::vector<Text> zh = every_text(Lang::kZhTw);
  const std::vector<Text> en = every_text(Lang::kEn);
  ASSERT_EQ(zh.size(), en.size());
  ASSERT_GT(zh.size(), 200U);  // every command, option and footer, not a part of them
  for (std::size_t i = 0; i < zh.size(); ++i) {
    ASSERT_EQ(zh[i].where, en[i].where);
    EXPECT_FALSE(en[i].text.empty()) << en[i].where << " has no help text";
    if (is_value_list(en[i].text)) {
      continue;
    }
    EXPECT_TRUE(has_cjk(zh[i].text)) << zh[i].where << " in zh-TW: " << zh[i].text;
    EXPECT_NE(zh[i].text.find("Examples:"), 0U) << zh[i].where;
    EXPECT_EQ(zh[i].text.find("\nExamples:"), std::string::npos) << zh[i].where;
  }
}

TEST(HelpTest, EnglishHelpIsEnglish) {
  for (const Text& text : every_text(Lang::kEn)) {
    // Chinese appears in English help only in example command lines (footers).
    const std::string before_examples = text.text.substr(0, text.text.find("Examples:"));
    if (text.where.ends_with("(footer)") || text.where == "etguard (description)") {
      continue;
    }
    // --polarity quotes the guideline's own words for a prohibition.
    if (text.where.ends_with("--polarity")) {
      continue;
    }
    EXPECT_FALSE(has_cjk(before_examples)) << text.where << ": " << text.text;
  }
}

TEST(HelpTest, TheLanguageComesFromTheCommandLineBeforeTheEnvironment) {
  const char* zh_args[] = {"etguard", "--lang", "zh-TW", "status", "--help"};
  EXPECT_EQ(help_language(5, zh_args), Lang::kZhTw);
  const char* en_args[] = {"etguard", "--lang=en", "--help"};
  EXPECT_EQ(help_language(3, en_args), Lang::kEn);
  const char* bad_args[] = {"etguard", "--lang", "fr", "--help"};
  ::setenv("LC_ALL", "zh_TW.UTF-8", 1);
  EXPECT_EQ(help_language(4, bad_args), Lang::kZhTw);  // unknown: the environment decides
  ::unsetenv("LC_ALL");
}

TEST(HelpTest, CliWordsAreTranslatedToo) {
  Invocation invocation;
  const auto app = make_app(Help(Lang::kZhTw), invocation);
  const CLI::App* status = app->get_subcommand("status");
  const std::string help = status->help();
  EXPECT_NE(help.find("用法"), std::string::npos) << help;
  EXPECT_NE(help.find("選項"), std::string::npos) << help;
  EXPECT_EQ(help.find("Options:"), std::string::npos) << help;
  EXPECT_NE(help.find("範例："), std::string::npos) << help;
  EXPECT_NE(help.find("顯示說明後結束"), std::string::npos) << help;
}

}  // namespace
}  // namespace etguard::cli
