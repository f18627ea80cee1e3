#include "catalog/numerals.h"

#include <array>

namespace etguard::catalog {
namespace {

constexpr std::array<std::string_view, 10> kDigits = {"",   "一", "二", "三", "四",
                                                      "五", "六", "七", "八", "九"};
constexpr std::string_view kTen = "十";

std::optional<int> digit_value(std::string_view text) {
  for (std::size_t i = 1; i < kDigits.size(); ++i) {
    if (text == kDigits[i]) {
      return static_cast<int>(i);
    }
  }
  return std::nullopt;
}

}  // namespace

std::string chinese_numeral(int value) {
  if (value < 1 || value > 99) {
    return std::to_string(value);
  }
  const auto tens = static_cast<std::size_t>(value / 10);
  const auto ones = static_cast<std::size_t>(value % 10);
  std::string out;
  if (tens > 1) {
    out += kDigits[tens];
  }
  if (tens > 0) {
    out += kTen;
  }
  out += kDigits[ones];
  return out;
}

std::optional<int> parse_chinese_numeral(std::string_view text) {
  // Each numeral character is 3 bytes in UTF-8.
  constexpr std::size_t kWidth = 3;
  if (text.empty() || text.size() % kWidth != 0 || text.size() > 3 * kWidth) {
    return std::nullopt;
  }
  const std::size_t ten_at = text.find(kTen);
  if (ten_at == std::string_view::npos) {
    return text.size() == kWidth ? digit_value(text) : std::nullopt;
  }
  int tens = 1;
  if (ten_at > 0) {
    const auto prefix = digit_value(text.substr(0, ten_at));
    if (!prefix || *prefix < 2) {
      return std::nullopt;
    }
    tens = *prefix;
  }
  const std::string_view rest = text.substr(ten_at + kWidth);
  int ones = 0;
  if (!rest.empty()) {
    const auto suffix = digit_value(rest);
    if (!suffix) {
      return std::nullopt;
    }
    ones = *suffix;
  }
  return tens * 10 + ones;
}

}  // namespace etguard::catalog
