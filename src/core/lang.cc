#include "core/lang.h"

#include <cstdlib>

#include "core/text.h"

namespace etguard {

std::optional<Lang> parse_lang(std::string_view name) {
  const std::string lower = ascii_lower(name);
  if (lower == "zh-tw" || lower == "zh_tw" || lower == "zh" || lower == "zh-hant") {
    return Lang::kZhTw;
  }
  if (lower == "en" || lower.starts_with("en-") || lower.starts_with("en_")) {
    return Lang::kEn;
  }
  return std::nullopt;
}

Lang lang_from_environment() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') {
      return std::string_view(value).starts_with("zh") ? Lang::kZhTw : Lang::kEn;
    }
  }
  return Lang::kEn;
}

std::string_view lang_tag(Lang lang) {
  return lang == Lang::kZhTw ? "zh-TW" : "en";
}

}  // namespace etguard
