// The user-facing language: Traditional Chinese or English.
#pragma once

#include <optional>
#include <string_view>

namespace etguard {

enum class Lang { kZhTw, kEn };

// A text in both languages. Catalog data and CLI messages are stored this way.
struct Text {
  std::string_view zh;
  std::string_view en;

  // The text in `lang`, falling back to the other language when empty.
  std::string_view in(Lang lang) const {
    std::string_view primary = lang == Lang::kZhTw ? zh : en;
    return primary.empty() ? (lang == Lang::kZhTw ? en : zh) : primary;
  }
  bool empty() const { return zh.empty() && en.empty(); }
};

// Parses "zh-TW", "zh_TW", "zh", "en", "en-US" (case-insensitive).
std::optional<Lang> parse_lang(std::string_view name);

// The default language from the environment: LC_ALL, then LC_MESSAGES, then
// LANG; zh-TW when the first set one starts with "zh", otherwise English.
Lang lang_from_environment();

std::string_view lang_tag(Lang lang);  // "zh-TW" or "en"

}  // namespace etguard
