// Chinese numerals as the guideline writes them (一 … 九十九), and the labels
// of its articles and enumerations.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace etguard::catalog {

// 1 → "一", 10 → "十", 23 → "二十三", 54 → "五十四". Defined for 1..99.
std::string chinese_numeral(int value);

// The inverse of chinese_numeral for 1..99; nullopt for anything else.
std::optional<int> parse_chinese_numeral(std::string_view text);

}  // namespace etguard::catalog
