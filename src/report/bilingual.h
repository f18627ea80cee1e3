// The HTML reports' one helper for text written in place in both languages.
#pragma once

#include <string>
#include <string_view>

#include "core/lang.h"
#include "core/text.h"

namespace etguard::report {

// `zh` for Traditional Chinese, `en` otherwise, escaped for HTML.
inline std::string html_text(Lang lang, std::string_view zh, std::string_view en) {
  return escape_html(lang == Lang::kZhTw ? zh : en);
}

}  // namespace etguard::report
