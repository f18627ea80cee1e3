#include "core/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>

namespace etguard {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool is_continuation(unsigned char byte) {
  return (byte & 0xC0U) == 0x80U;
}

bool is_unicode_space(char32_t cp) {
  return cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == U'\f' || cp == U'\v' ||
         cp == 0x3000 || cp == 0x00A0 || cp == 0xFEFF;
}

struct Range {
  char32_t first;
  char32_t last;
};

// East Asian Wide (W) and Fullwidth (F) blocks that occur in practice.
constexpr std::array kWide = {
    Range{0x1100, 0x115F},   Range{0x2E80, 0x303E},   Range{0x3041, 0x33FF},
    Range{0x3400, 0x4DBF},   Range{0x4E00, 0x9FFF},   Range{0xA000, 0xA4CF},
    Range{0xAC00, 0xD7A3},   Range{0xF900, 0xFAFF},   Range{0xFE30, 0xFE4F},
    Range{0xFF00, 0xFF60},   Range{0xFFE0, 0xFFE6},   Range{0x1F300, 0x1F64F},
    Range{0x1F900, 0x1F9FF}, Range{0x20000, 0x2FFFD}, Range{0x30000, 0x3FFFD},
};

constexpr std::array kZeroWidth = {
    Range{0x0300, 0x036F},
    Range{0x200B, 0x200F},
    Range{0xFE00, 0xFE0F},
    Range{0xFEFF, 0xFEFF},
};

bool in_ranges(char32_t cp, const auto& ranges) {
  return std::ranges::any_of(ranges, [cp](Range r) { return cp >= r.first && cp <= r.last; });
}

}  // namespace

TextPosition text_position(std::string_view text, std::size_t offset) {
  const std::string_view before = text.substr(0, offset);
  const std::size_t line_start = before.rfind('\n');
  return {
      static_cast<int>(std::ranges::count(before, '\n')) + 1,
      static_cast<int>(offset - (line_start == std::string_view::npos ? 0 : line_start + 1)) + 1};
}

std::optional<std::size_t> invalid_utf8_at(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    std::size_t length = 0;
    char32_t cp = 0;
    char32_t minimum = 0;
    if (lead < 0x80U) {
      ++pos;
      continue;
    }
    if (lead >= 0xC2U && lead <= 0xDFU) {
      length = 2;
      cp = lead & 0x1FU;
      minimum = 0x80;
    } else if ((lead & 0xF0U) == 0xE0U) {
      length = 3;
      cp = lead & 0x0FU;
      minimum = 0x800;
    } else if (lead >= 0xF0U && lead <= 0xF4U) {
      length = 4;
      cp = lead & 0x07U;
      minimum = 0x10000;
    } else {
      return pos;
    }
    if (pos + length > text.size()) {
      return pos;
    }
    for (std::size_t i = 1; i < length; ++i) {
      const auto byte = static_cast<unsigned char>(text[pos + i]);
      if ((byte & 0xC0U) != 0x80U) {
        return pos;
      }
      cp = (cp << 6U) | (byte & 0x3FU);
    }
    if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return pos;
    }
    pos += length;
  }
  return std::nullopt;
}

char32_t next_code_point(std::string_view text, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  std::size_t length = 0;
  char32_t cp = 0;
  if (lead < 0x80U) {
    ++pos;
    return lead;
  }
  if ((lead & 0xE0U) == 0xC0U) {
    length = 2;
    cp = lead & 0x1FU;
  } else if ((lead & 0xF0U) == 0xE0U) {
    length = 3;
    cp = lead & 0x0FU;
  } else if ((lead & 0xF8U) == 0xF0U) {
    length = 4;
    cp = lead & 0x07U;
  } else {
    ++pos;
    return kReplacement;
  }
  if (pos + length > text.size()) {
    ++pos;
    return kReplacement;
  }
  for (std::size_t i = 1; i < length; ++i) {
    const auto byte = static_cast<unsigned char>(text[pos + i]);
    if (!is_continuation(byte)) {
      ++pos;
      return kReplacement;
    }
    cp = (cp << 6U) | (byte & 0x3FU);
  }
  pos += length;
  return cp;
}

std::string describe(const UnsafeCharacter& unsafe, Lang lang) {
  const auto code_point = static_cast<std::uint32_t>(unsafe.code_point);
  return lang == Lang::kZhTw
             ? fmt::format("U+{:04X}（第 {} 字；控制字元或雙向覆寫字元，會改變文字的顯示）",
                           code_point, unsafe.index + 1)
             : fmt::format(
                   "U+{:04X} at character {} (a control character or a bidirectional "
                   "override, which would change how the text displays)",
                   code_point, unsafe.index + 1);
}

int code_point_width(char32_t cp) {
  if (cp > 0 && cp < 0x0300) {  // Latin, before the first zero-width or wide range
    return 1;
  }
  if (cp == 0 || in_ranges(cp, kZeroWidth)) {
    return 0;
  }
  return in_ranges(cp, kWide) ? 2 : 1;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    width += static_cast<std::size_t>(code_point_width(next_code_point(text, pos)));
  }
  return width;
}

std::string truncate_to_width(std::string_view text, std::size_t columns) {
  // One pass that stops at the first code point past `columns`: a long
  // paragraph cut to a heading's width is not measured to its end.
  std::size_t width = 0;
  std::size_t cut = 0;  // where the text is cut if it does not fit
  for (std::size_t pos = 0; pos < text.size();) {
    const auto cp_width = static_cast<std::size_t>(code_point_width(next_code_point(text, pos)));
    width += cp_width;
    if (width > columns) {
      return columns == 0 ? std::string() : std::string(text.substr(0, cut)) + "…";
    }
    if (width <= columns - std::min<std::size_t>(columns, 1)) {  // one column kept for "…"
      cut = pos;
    }
  }
  return std::string(text);
}

std::vector<std::string> wrap_to_width(std::string_view text, std::size_t columns) {
  std::vector<std::string> lines;
  columns = std::max<std::size_t>(columns, 2);
  std::string line;
  std::size_t width = 0;
  std::size_t last_space = std::string::npos;  // byte offset in `line`
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    const char32_t cp = next_code_point(text, pos);
    if (cp == U'\n') {
      lines.push_back(std::move(line));
      line.clear();
      width = 0;
      last_space = std::string::npos;
      continue;
    }
    const auto cp_width = static_cast<std::size_t>(code_point_width(cp));
    if (width + cp_width > columns) {
      if (cp == U' ') {  // break here; the space itself is dropped
        lines.push_back(std::move(line));
        line.clear();
        width = 0;
        last_space = std::string::npos;
        continue;
      }
      if (last_space != std::string::npos && cp_width == 1) {
        std::string rest = line.substr(last_space + 1);
        line.resize(last_space);
        lines.push_back(std::move(line));
        line = std::move(rest);
      } else {
        lines.push_back(std::move(line));
        line.clear();
      }
      width = display_width(line);
      last_space = std::string::npos;
    }
    if (cp == U' ') {
      last_space = line.size();
    }
    line.append(text.substr(start, pos - start));
    width += cp_width;
  }
  if (!line.empty() || lines.empty()) {
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string strip_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    if (!is_unicode_space(next_code_point(text, pos))) {
      out.append(text.substr(start, pos - start));
    }
  }
  return out;
}

std::string_view trim(std::string_view text) {
  auto leading_space = [](std::string_view t) -> std::size_t {
    if (t.empty()) {
      return 0;
    }
    std::size_t pos = 0;
    return is_unicode_space(next_code_point(t, pos)) ? pos : 0;
  };
  while (std::size_t n = leading_space(text)) {
    text.remove_prefix(n);
  }
  // Only whole code points may go: the last byte of a multi-byte character
  // (加 ends in 0xA0) must not be mistaken for U+00A0.
  while (!text.empty()) {
    if (text.ends_with("\u3000") || text.ends_with("\uFEFF")) {
      text.remove_suffix(3);
    } else if (text.ends_with("\u00A0")) {
      text.remove_suffix(2);
    } else if (static_cast<unsigned char>(text.back()) < 0x80U &&
               is_unicode_space(static_cast<unsigned char>(text.back()))) {
      text.remove_suffix(1);
    } else {
      break;
    }
  }
  return text;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

std::size_t find_ascii_nocase(std::string_view haystack, std::string_view needle,
                              std::size_t from) {
  if (needle.empty()) {
    return from <= haystack.size() ? from : std::string_view::npos;
  }
  const std::string hay = ascii_lower(haystack);
  return hay.find(ascii_lower(needle), from);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<UnsafeCharacter> unsafe_character_in(std::string_view text) {
  std::size_t index = 0;
  for (std::size_t pos = 0; pos < text.size(); ++index) {
    const char32_t c = next_code_point(text, pos);
    const bool control = (c < 0x20 && c != U'\t' && c != U'\n') || (c >= 0x7F && c <= 0x9F);
    const bool bidi = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    if (control || bidi) {
      return UnsafeCharacter{index, c};
    }
  }
  return std::nullopt;
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::vector<std::string> comma_list(std::string_view joined) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= joined.size()) {
    const std::size_t comma = std::min(joined.find(',', start), joined.size());
    std::string item(trim(joined.substr(start, comma - start)));
    if (!item.empty()) {
      items.push_back(std::move(item));
    }
    start = comma + 1;
  }
  return items;
}

}  // namespace etguard
