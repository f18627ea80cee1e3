#include "pii/validate.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <string>

#include "core/text.h"

namespace etguard::pii {
namespace {

// Letter values of the ID area letter: index in this order + 10.
constexpr std::string_view kAreaOrder = "ABCDEFGHJKLMNPQRSTUVXYWZIO";

int area_value(char letter) {
  const std::size_t index = kAreaOrder.find(letter);
  return index == std::string_view::npos ? -1 : static_cast<int>(index) + 10;
}

bool all_digits(std::string_view text) {
  if (text.empty()) {
    return false;
  }
  for (const char c : text) {
    if (!is_digit(c)) {
      return false;
    }
  }
  return true;
}

int to_int(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

bool starts_with_range(std::string_view digits, int length, int low, int high) {
  if (digits.size() < static_cast<std::size_t>(length)) {
    return false;
  }
  const int prefix = to_int(digits.substr(0, static_cast<std::size_t>(length)));
  return prefix >= low && prefix <= high;
}

bool length_in(std::size_t length, std::size_t low, std::size_t high) {
  return length >= low && length <= high;
}

// The national form of a phone number: "+886 2 ..." / "886-9..." -> "02..." / "09...".
std::optional<std::string> national_digits(std::string_view text) {
  std::string_view rest = text;
  bool international = false;
  if (rest.starts_with("+")) {
    rest.remove_prefix(1);
    international = true;
  } else if (rest.starts_with("%2B") || rest.starts_with("%2b")) {
    rest.remove_prefix(3);
    international = true;
  }
  if (rest.starts_with("886")) {
    rest.remove_prefix(3);
    international = true;
  } else if (international) {
    return std::nullopt;
  }
  std::string digits;
  std::size_t open = 0;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    const char c = rest[i];
    if (is_digit(c)) {
      digits += c;
    } else if (c == '(') {
      open = i;
    } else if (c == ')') {
      // "+886 (0)2 ..." writes the trunk zero in parentheses: not a digit of the number.
      if (international && i == open + 2 && rest[open + 1] == '0') {
        digits.pop_back();
      }
    } else if ((c != '-' && c != ' ' && (international || (c != '.' && c != '/'))) ||
               (!international && digits == "0")) {
      // '.' and '/' join the groups of a domestic number as people type them
      // (0912.345.678); after 886 they are a decimal or a version, not a phone.
      // Nobody parts the trunk zero from the area or mobile code ("0-2...",
      // "0.9..."): that is a decimal fraction such as 0.55181709.
      return std::nullopt;
    }
  }
  if (international) {
    if (digits.starts_with("0")) {
      return std::nullopt;
    }
    digits.insert(0, "0");
  }
  return digits;
}

struct AreaCode {
  std::string_view code;
  std::size_t min_subscriber;
  std::size_t max_subscriber;
};

// Longest prefixes first (FORMATS.md §1.4).
constexpr std::array<AreaCode, 14> kAreaCodes{{
    {"0826", 5, 5},
    {"0836", 5, 5},
    {"037", 6, 6},
    {"049", 7, 7},
    {"082", 6, 6},
    {"089", 6, 6},
    {"02", 8, 8},
    {"03", 7, 7},
    {"04", 7, 8},
    {"05", 7, 7},
    {"06", 7, 7},
    {"07", 7, 7},
    {"08", 7, 7},
    {"09", 0, 0},  // mobile, never a landline
}};

bool leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

bool real_roc_date(int roc_year, int month, int day) {
  if (roc_year < 1 || roc_year > 200 || month < 1 || month > 12 || day < 1) {
    return false;
  }
  constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int year = roc_year + 1911;
  const int days =
      kDays.at(static_cast<std::size_t>(month - 1)) + (month == 2 && leap_year(year) ? 1 : 0);
  return day <= days;
}

// Reads 1..max digits at `pos`; returns the count read.
std::size_t read_number(std::string_view text, std::size_t pos, std::size_t max, int& value) {
  std::size_t count = 0;
  value = 0;
  while (pos + count < text.size() && count < max && is_digit(text[pos + count])) {
    value = value * 10 + (text[pos + count] - '0');
    ++count;
  }
  return count;
}

std::size_t zh_date_length(std::string_view text) {
  constexpr std::string_view kRoc = "民國";
  constexpr std::string_view kYear = "年";
  constexpr std::string_view kMonth = "月";
  constexpr std::string_view kDay = "日";
  std::size_t pos = text.starts_with(kRoc) ? kRoc.size() : 0;
  int year = 0;
  int month = 0;
  int day = 0;
  std::size_t n = read_number(text, pos, 3, year);
  if (n == 0 || text.substr(pos + n, kYear.size()) != kYear) {
    return 0;
  }
  pos += n + kYear.size();
  n = read_number(text, pos, 2, month);
  if (n == 0 || text.substr(pos + n, kMonth.size()) != kMonth) {
    return 0;
  }
  pos += n + kMonth.size();
  n = read_number(text, pos, 2, day);
  if (n == 0 || text.substr(pos + n, kDay.size()) != kDay) {
    return 0;
  }
  pos += n + kDay.size();
  return real_roc_date(year, month, day) ? pos : 0;
}

}  // namespace

std::string digits_of(std::string_view text) {
  std::string digits;
  for (const char c : text) {
    if (is_digit(c)) {
      digits += c;
    }
  }
  return digits;
}

std::optional<PiiType> tw_id_type(std::string_view text) {
  if (text.size() != 10 || !all_digits(text.substr(2))) {
    return std::nullopt;
  }
  const int area = area_value(text[0]);
  if (area < 0) {
    return std::nullopt;
  }
  const char second = text[1];
  int second_value = 0;
  PiiType type = PiiType::kNationalId;
  if (second == '1' || second == '2') {
    second_value = second - '0';
  } else if (second == '8' || second == '9') {
    second_value = second - '0';
    type = PiiType::kResidentCertificate;
  } else if (second >= 'A' && second <= 'D') {
    second_value = second - 'A';  // A..D -> 0..3 (value % 10)
    type = PiiType::kResidentCertificate;
  } else {
    return std::nullopt;
  }
  constexpr std::array<int, 8> kWeights{7, 6, 5, 4, 3, 2, 1, 1};
  int sum = (area / 10) + (area % 10) * 9 + second_value * 8;
  for (std::size_t i = 0; i < kWeights.size(); ++i) {
    sum += (text[i + 2] - '0') * kWeights.at(i);
  }
  return sum % 10 == 0 ? std::optional(type) : std::nullopt;
}

bool ubn_valid(std::string_view digits) {
  if (digits.size() != 8 || !all_digits(digits)) {
    return false;
  }
  constexpr std::array<int, 8> kWeights{1, 2, 1, 2, 1, 2, 4, 1};
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) {
    const int product = (digits[i] - '0') * kWeights.at(i);
    sum += product / 10 + product % 10;
  }
  return sum % 5 == 0 || (digits[6] == '7' && (sum + 1) % 5 == 0);
}

bool luhn_valid(std::string_view digits) {
  if (!all_digits(digits)) {
    return false;
  }
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int digit = *it - '0';
    if (twice) {
      digit *= 2;
      if (digit > 9) {
        digit -= 9;
      }
    }
    sum += digit;
    twice = !twice;
  }
  return sum % 10 == 0;
}

bool card_iin_valid(std::string_view digits) {
  const std::size_t n = digits.size();
  if (digits.starts_with("4")) {
    return n == 13 || n == 16 || n == 19;
  }
  if (starts_with_range(digits, 2, 51, 55) || starts_with_range(digits, 4, 2221, 2720)) {
    return n == 16;
  }
  if (digits.starts_with("34") || digits.starts_with("37")) {
    return n == 15;
  }
  if (starts_with_range(digits, 4, 3528, 3589)) {
    return length_in(n, 16, 19);
  }
  if (digits.starts_with("6011") || starts_with_range(digits, 3, 644, 649) ||
      digits.starts_with("65")) {
    return length_in(n, 16, 19);
  }
  if (digits.starts_with("62")) {
    return length_in(n, 16, 19);
  }
  if (starts_with_range(digits, 3, 300, 305) || digits.starts_with("36") ||
      digits.starts_with("38") || digits.starts_with("39")) {
    return length_in(n, 14, 19);
  }
  return false;
}

bool card_valid(std::string_view text) {
  char separator = 0;
  std::string digits;
  std::array<std::size_t, 6> groups{};
  std::size_t group_count = 0;
  std::size_t current = 0;
  for (const char c : text) {
    if (is_digit(c)) {
      digits += c;
      ++current;
      continue;
    }
    if ((c != ' ' && c != '-') || (separator != 0 && c != separator) || current == 0 ||
        group_count + 1 >= groups.size()) {
      return false;
    }
    separator = c;
    groups.at(group_count++) = current;
    current = 0;
  }
  groups.at(group_count++) = current;
  if (group_count > 1) {
    const bool four_six =
        group_count == 3 && groups[0] == 4 && groups[1] == 6 && (groups[2] == 4 || groups[2] == 5);
    bool fours = group_count >= 4 && group_count <= 5;
    for (std::size_t i = 0; fours && i < group_count; ++i) {
      fours = groups.at(i) == 4 || (i == group_count - 1 && i == 4 && groups.at(i) == 3);
    }
    if (!four_six && !fours) {
      return false;
    }
  }
  return card_iin_valid(digits) && luhn_valid(digits);
}

bool mobile_valid(std::string_view text) {
  const auto digits = national_digits(text);
  return digits && digits->size() == 10 && digits->starts_with("09");
}

bool landline_valid(std::string_view text) {
  const auto digits = national_digits(text);
  if (!digits || digits->starts_with("0800") || digits->starts_with("0809")) {
    return false;
  }
  for (const AreaCode& area : kAreaCodes) {
    if (!digits->starts_with(area.code)) {
      continue;
    }
    const std::size_t subscriber = digits->size() - area.code.size();
    if (subscriber < area.min_subscriber || subscriber > area.max_subscriber || subscriber == 0) {
      return false;
    }
    const char first = (*digits)[area.code.size()];
    return first != '0' && first != '1';
  }
  return false;
}

bool ipv4_valid(std::string_view text) {
  int octets = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t dot = std::min(text.find('.', pos), text.size());
    const std::string_view octet = text.substr(pos, dot - pos);
    if (octet.empty() || octet.size() > 3 || !all_digits(octet) ||
        (octet.size() > 1 && octet[0] == '0') || to_int(octet) > 255) {
      return false;
    }
    ++octets;
    pos = dot + 1;
  }
  return octets == 4;
}

bool ipv4_never_personal(std::string_view dotted_quad) {
  constexpr std::string_view kPrefixes[] = {"127.", "192.0.2.", "198.51.100.", "203.0.113."};
  return dotted_quad == "0.0.0.0" || std::ranges::any_of(kPrefixes, [&](std::string_view prefix) {
           return dotted_quad.starts_with(prefix);
         });
}

bool domain_never_personal(std::string_view domain) {
  const std::string name = ascii_lower(domain);
  const std::string_view view = name;
  const std::size_t dot = view.rfind('.');
  const std::string_view tld = dot == std::string_view::npos ? view : view.substr(dot + 1);
  if (tld == "example" || tld == "test" || tld == "invalid" || tld == "localhost") {
    return true;
  }
  constexpr std::string_view kReserved[] = {"example.com", "example.net", "example.org"};
  return std::ranges::any_of(kReserved, [&](std::string_view reserved) {
    return view == reserved || (view.size() > reserved.size() && view.ends_with(reserved) &&
                                view[view.size() - reserved.size() - 1] == '.');
  });
}

std::size_t roc_date_length(std::string_view text) {
  if (text.empty()) {
    return 0;
  }
  if (!is_digit(text[0])) {
    return zh_date_length(text);
  }
  int year = 0;
  const std::size_t year_digits = read_number(text, 0, 3, year);
  if (year_digits == 3 && text.size() >= 7 && all_digits(text.substr(0, 7))) {
    const int month = to_int(text.substr(3, 2));
    const int day = to_int(text.substr(5, 2));
    return real_roc_date(year, month, day) ? 7 : 0;
  }
  if (year_digits < text.size()) {
    const char sep = text[year_digits];
    if (sep == '/' || sep == '.' || sep == '-') {
      int month = 0;
      int day = 0;
      std::size_t pos = year_digits + 1;
      const std::size_t month_digits = read_number(text, pos, 2, month);
      pos += month_digits;
      if (month_digits == 0 || pos >= text.size() || text[pos] != sep) {
        return 0;
      }
      ++pos;
      const std::size_t day_digits = read_number(text, pos, 2, day);
      pos += day_digits;
      return day_digits > 0 && real_roc_date(year, month, day) ? pos : 0;
    }
    if (text.substr(year_digits).starts_with("年")) {
      return zh_date_length(text);
    }
  }
  return 0;
}

}  // namespace etguard::pii
