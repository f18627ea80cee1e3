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
char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c;
}

// The run of digits or of letters at or after `at` (separators skipped),
// `at` moved past it; an empty run at the end.
Run next_run(std::string_view version, std::size_t& at) {
  while (at < version.size() && !is_digit(version[at]) && !is_letter(version[at])) {
    ++at;
  }
  const std::size_t start = at;
  const bool digits = at < version.size() && is_digit(version[at]);
  while (at < version.size() && (digits ? is_digit(version[at]) : is_letter(version[at]))) {
    ++at;
  }
  return {version.substr(start, at - start), digits};
}

int compare_numbers(std::string_view a, std::string_view b) {
  a.remove_prefix(std::min(a.find_first_not_of('0'), a.size()));
  b.remove_prefix(std::min(b.find_first_not_of('0'), b.size()));
  if (a.size() != b.size()) {
    return a.size() < b.size() ? -1 : 1;
  }
  const int order = a.compare(b);
  return (order > 0) - (order < 0);
}

int compare_letters(std::string_view a, std::string_view b) {
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    if (lower(a[i]) != lower(b[i])) {
      return lower(a[i]) < lower(b[i]) ? -1 : 1;
    }
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

int compare_runs(const Run& a, const Run& b) {
  if (a.digits != b.digits) {
    return a.digits ? 1 : -1;
  }
  return a.digits ? compare_numbers(a.text, b.text) : compare_letters(a.text, b.text);
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
  static constexpr Run kZero{"0", true};
  std::size_t i = 0;
  std::size_t j = 0;
  for (;;) {
    const Run x = next_run(a, i);
    const Run y = next_run(b, j);
    if (x.text.empty() && y.text.empty()) {
      return 0;
    }
    if (const int order = compare_runs(x.text.empty() ? kZero : x, y.text.empty() ? kZero : y);
        order != 0) {
      return order;
    }
  }
}

}  // namespace etguard::iot::vulns
