#include "iot/vulns/product.h"

#include <algorithm>
#include <vector>

#include "core/text.h"

namespace etguard::iot::vulns {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  c = static_cast<char>(c | 0x20);
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

// A CPE 2.3 component: "\" quotes the next character.
std::string unescape_formatted(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      ++i;
    }
    out += text[i];
  }
  return ascii_lower(out);
}

// A CPE 2.2 URI component: "%xx" is a byte.
std::string unescape_uri(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
        hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return ascii_lower(out);
}

// Splits at ':' not quoted by '\'.
std::vector<std::string_view> components(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == ':') {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(text.substr(std::min(start, text.size())));
  return parts;
}

bool any_version(std::string_view version) {
  return version.empty() || version == "*" || version == "-";
}

struct Run {
  std::string_view text;
  bool digits = false;
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::vector<Run> runs(std::string_view version) {
  std::vector<Run> out;
  std::size_t i = 0;
  while (i < version.size()) {
    const char c = version[i];
    if (!is_digit(c) && !is_letter(c)) {
      ++i;
      continue;
    }
    const bool digits = is_digit(c);
    std::size_t end = i;
    while (end < version.size() && (digits ? is_digit(version[end]) : is_letter(version[end]))) {
      ++end;
    }
    out.push_back({version.substr(i, end - i), digits});
    i = end;
  }
  return out;
}

int compare_numbers(std::string_view a, std::string_view b) {
  a.remove_prefix(std::min(a.find_first_not_of('0'), a.size()));
  b.remove_prefix(std::min(b.find_first_not_of('0'), b.size()));
  if (a.size() != b.size()) {
    return a.size() < b.size() ? -1 : 1;
  }
  return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

int compare_runs(const Run& a, const Run& b) {
  if (a.digits != b.digits) {
    return a.digits ? 1 : -1;
  }
  if (a.digits) {
    return compare_numbers(a.text, b.text);
  }
  const std::string left = ascii_lower(a.text);
  const std::string right = ascii_lower(b.text);
  return left < right ? -1 : (left == right ? 0 : 1);
}

}  // namespace

std::optional<Cpe> parse_cpe(std::string_view text) {
  const std::string prefix = ascii_lower(text.substr(0, 8));
  const bool formatted = prefix.starts_with("cpe:2.3:");
  if (!formatted && !prefix.starts_with("cpe:/")) {
    return std::nullopt;
  }
  const auto unescape = formatted ? unescape_formatted : unescape_uri;
  const std::vector<std::string_view> parts = components(text.substr(formatted ? 8 : 5));
  if (parts.size() < 3 || parts[0].size() != 1 || parts[2].empty()) {
    return std::nullopt;
  }
  return Cpe{
      .part = static_cast<char>(parts[0][0] | 0x20),
      .vendor = unescape(parts[1]),
      .product = unescape(parts[2]),
      .version = parts.size() > 3 && !any_version(parts[3]) ? unescape(parts[3]) : std::string()};
}

int compare_versions(std::string_view a, std::string_view b) {
  const std::vector<Run> left = runs(a);
  const std::vector<Run> right = runs(b);
  static constexpr Run kZero{"0", true};
  for (std::size_t i = 0; i < std::max(left.size(), right.size()); ++i) {
    const Run& x = i < left.size() ? left[i] : kZero;
    const Run& y = i < right.size() ? right[i] : kZero;
    if (const int order = compare_runs(x, y); order != 0) {
      return order;
    }
  }
  return 0;
}

}  // namespace etguard::iot::vulns
