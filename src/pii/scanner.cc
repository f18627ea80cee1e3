#include "pii/scanner.h"

#include <fmt/format.h>
#include <hs/hs.h>

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <utility>

#include "pii/builtin_database.h"
#include "pii/context.h"
#include "pii/number_triggers.h"
#include "pii/patterns.h"
#include "pii/validate.h"

namespace etguard::pii {
namespace {

constexpr unsigned kCustomBase = 1000;

struct RawMatch {
  unsigned id;
  std::uint32_t from;
  std::uint32_t to;
};

}  // namespace

struct ScanScratch::Raw {
  std::vector<RawMatch> matches;
  std::vector<RawMatch> nested;  // matches in a normalized full-width run
  Triggers triggers;
  Triggers lines;  // the triggers of the scanned text itself, kept for its line ends
};

namespace {

// One letter of an ID at `i` of `text`, upper-cased: ASCII or full-width,
// either case; 0 when none. `width` is its length in bytes.
char id_letter(std::string_view text, std::size_t i, std::size_t& width) {
  const auto c = static_cast<unsigned char>(text[i]);
  width = 1;
  if (c >= 'A' && c <= 'Z') {
    return static_cast<char>(c);
  }
  if (c >= 'a' && c <= 'z') {
    return static_cast<char>(c - 'a' + 'A');
  }
  width = 3;
  if (c != 0xEF || i + 3 > text.size()) {
    return 0;
  }
  const auto b1 = static_cast<unsigned char>(text[i + 1]);
  const auto b2 = static_cast<unsigned char>(text[i + 2]);
  if (b1 == 0xBC && b2 >= 0xA1 && b2 <= 0xBA) {
    return static_cast<char>('A' + (b2 - 0xA1));
  }
  if (b1 == 0xBD && b2 >= 0x81 && b2 <= 0x9A) {
    return static_cast<char>('A' + (b2 - 0x81));
  }
  return 0;
}

int on_match(unsigned int id, unsigned long long from, unsigned long long to,
             unsigned int /*flags*/, void* context) {
  auto* matches = static_cast<std::vector<RawMatch>*>(context);
  matches->push_back({id, static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(to)});
  return 0;
}

bool is_fw_digit(std::string_view text, std::size_t i) {
  return i + 2 < text.size() + 0 && static_cast<unsigned char>(text[i]) == 0xEF &&
         static_cast<unsigned char>(text[i + 1]) == 0xBC &&
         static_cast<unsigned char>(text[i + 2]) >= 0x90 &&
         static_cast<unsigned char>(text[i + 2]) <= 0x99;
}

// One character of a full-width number run and its ASCII form; 0 when not one.
char run_char(std::string_view text, std::size_t i, std::size_t& width) {
  const auto c = static_cast<unsigned char>(text[i]);
  width = 1;
  if (is_digit(static_cast<char>(c)) || c == '-' || c == '+' || c == '(' || c == ')' || c == ' ' ||
      c == '/' || c == '.') {
    return static_cast<char>(c);
  }
  if (i + 2 >= text.size() + 0 || i + 3 > text.size()) {
    return 0;
  }
  width = 3;
  const std::string_view three = text.substr(i, 3);
  if (is_fw_digit(text, i)) {
    return static_cast<char>('0' + (static_cast<unsigned char>(text[i + 2]) - 0x90));
  }
  constexpr std::array<std::pair<std::string_view, char>, 16> kWide{{{"－", '-'},
                                                                     {"＋", '+'},
                                                                     {"（", '('},
                                                                     {"）", ')'},
                                                                     {"\u3000", ' '},
                                                                     {"／", '/'},
                                                                     {"．", '.'},
                                                                     {"\u2010", '-'},
                                                                     {"\u2011", '-'},
                                                                     {"\u2012", '-'},
                                                                     {"\u2013", '-'},
                                                                     {"\u2014", '-'},
                                                                     {"\u2015", '-'},
                                                                     {"\u2212", '-'},
                                                                     {"\u2027", '.'},
                                                                     {"\u30FB", '.'}}};
  for (const auto& [wide, ascii] : kWide) {
    if (three == wide) {
      return ascii;
    }
  }
  return 0;
}

// The text being validated: the scanned text itself, or a normalized
// full-width run with the offset of each of its bytes in the scanned text.
struct View {
  std::string_view s;
  std::string_view original;
  const std::vector<std::uint32_t>* map = nullptr;

  std::uint32_t at(std::size_t i) const {
    return map == nullptr ? static_cast<std::uint32_t>(i) : (*map)[i];
  }
  char before(std::size_t i) const { return i == 0 ? '\0' : s[i - 1]; }
  char after(std::size_t i) const { return i < s.size() ? s[i] : '\0'; }
  Label label(std::size_t i) const { return {original, at(i)}; }
};

class Validation {
 public:
  Validation(const Scanner& scanner, std::vector<Detection>& out) : scanner_(scanner), out_(out) {}

  void match(const View& view, const RawMatch& raw) {
    if (raw.id >= kCustomBase) {
      custom(view, raw.id - kCustomBase, raw.from, raw.to);
      return;
    }
    switch (kPatterns.at(raw.id).shape) {
      case Shape::kNumber:
        break;  // with the number triggers
      case Shape::kAt:
        email(view, view.s[raw.to - 1] == '@' ? raw.to - 1 : raw.to - 3, raw.to);
        break;
      case Shape::kLabel:
        labelled_value(view, raw.to);
        break;
      case Shape::kFullWidth:
        break;  // handled by the caller
    }
  }

  // A value that needs a label, starting at or after `pos`.
  void labelled_value(const View& view, std::size_t pos) {
    const std::string_view s = view.s;
    const std::size_t limit = std::min(s.size(), pos + 48);
    while (pos < limit && s[pos] != '\n' && !is_digit(s[pos]) && !s.substr(pos).starts_with("民")) {
      ++pos;
    }
    if (pos >= limit || s[pos] == '\n' || is_alnum(view.before(pos))) {
      return;
    }
    const Label label = view.label(pos);
    if (label.names(PiiType::kRocBirthDate)) {
      const std::size_t length = roc_date_length(s.substr(pos));
      if (length > 0 && !is_digit(view.after(pos + length))) {
        emit(view, pos, pos + length, PiiType::kRocBirthDate, true);
        return;
      }
    }
    if (!is_digit(s[pos])) {
      return;
    }
    const std::size_t run = digit_run(s, pos);
    const char next = view.after(pos + run);
    // A bank code (808-) or a broker code (9800-, 9A00-) before the account.
    if (next == '-' && (run == 3 || run == 4)) {
      account_after_code(view, label, pos + run + 1, run == 3);
    } else if (run < 4 && alnum_run(s, pos) == 4 && view.after(pos + 4) == '-') {
      account_after_code(view, label, pos + 5, false);
    }
    if (is_alnum(next) && !is_digit(next)) {
      return;
    }
    if (run == 7 && label.names(PiiType::kSecuritiesAccount) && next != '-') {
      emit(view, pos, pos + run, PiiType::kSecuritiesAccount, true);
    } else if (run == 6 && next == '-' && is_digit(view.after(pos + 7)) &&
               !is_alnum(view.after(pos + 8)) && label.names(PiiType::kSecuritiesAccount)) {
      emit(view, pos, pos + 8, PiiType::kSecuritiesAccount, true);
    } else if (run == 9 && label.names(PiiType::kPassport)) {
      emit(view, pos, pos + run, PiiType::kPassport, true);
    } else if (run == 8 && label.names(PiiType::kBusinessNumber) && ubn_valid(s.substr(pos, 8))) {
      emit(view, pos, pos + run, PiiType::kBusinessNumber, true);
    } else if (run >= 10 && run <= 14 && label.names(PiiType::kBankAccount)) {
      emit(view, pos, pos + run, PiiType::kBankAccount, true);
    }
  }

  // A number around the digit at `pos` (digits joined by single separators):
  // every run of up to six of its digit groups is tried as a card, a mobile,
  // a landline and, after one or two letters, a national ID or resident
  // certificate; overlap resolution keeps the longest.
  void number_token(const View& view, std::size_t pos) {
    const std::string_view s = view.s;
    if (pos < number_end_ || pos >= s.size() || !is_digit(s[pos])) {
      return;
    }
    std::size_t left = pos;
    while (left > 0) {
      if (is_digit(s[left - 1])) {
        --left;
      } else if (const std::size_t k = separator_before(s, left); k > 0) {
        left -= k;
      } else {
        break;
      }
    }
    std::size_t right = pos;
    while (right < s.size()) {
      if (is_digit(s[right])) {
        ++right;
      } else if (const std::size_t k = separator_after(s, right); k > 0) {
        right += k;
      } else {
        break;
      }
    }
    number_end_ = right;
    // Inside a word or a hex string (trace IDs, digests): nothing can stand on its
    // own there, except an ID right after its upper-case letters.
    const char before = view.before(left);
    if (is_alnum(view.after(right))) {
      return;
    }
    if (before >= 'a' && before <= 'z') {
      // Inside a word or a hex string nothing stands on its own, except a
      // national ID typed in lower case, which identity_number bounds itself.
      std::size_t group = left;
      while (group < right && is_digit(s[group])) {
        ++group;
      }
      identity_number(view, left, group);
      return;
    }
    constexpr std::size_t kMaxGroups = 48;
    // Not zero-filled: this runs for every long number, and only [0, count) is read.
    std::array<std::size_t, kMaxGroups> starts;  // NOLINT(cppcoreguidelines-pro-type-member-init)
    std::array<std::size_t, kMaxGroups> ends;    // NOLINT(cppcoreguidelines-pro-type-member-init)
    std::size_t count = 0;
    for (std::size_t i = left; i < right && count < kMaxGroups;) {
      starts[count] = i;
      while (i < right && is_digit(s[i])) {
        ++i;
      }
      ends[count++] = i;
      while (i < right && !is_digit(s[i])) {
        ++i;
      }
    }
    for (std::size_t i = 0; i < count; ++i) {
      identity_number(view, starts[i], ends[i]);
      for (std::size_t j = i; j < count && j < i + 6; ++j) {
        number_window(view, starts[i], ends[j]);
      }
    }
  }

  // A dotted quad around the digit at `pos`; longer dotted chains (OIDs) are not addresses.
  void ipv4_token(const View& view, std::size_t pos) {
    const std::string_view s = view.s;
    if (pos < ip_end_) {
      return;
    }
    std::size_t left = pos;
    while (left > 0 &&
           (is_digit(s[left - 1]) || (s[left - 1] == '.' && left >= 2 && is_digit(s[left - 2])))) {
      --left;
    }
    std::size_t right = pos;
    while (right < s.size() && (is_digit(s[right]) || (s[right] == '.' && right + 1 < s.size() &&
                                                       is_digit(s[right + 1])))) {
      ++right;
    }
    ip_end_ = right;
    ipv4(view, left, right);
  }

  void reset() {
    number_end_ = 0;
    ip_end_ = 0;
  }

  // An ID whose one or two letters (either width, either case) stand just
  // before a normalized run of `text` starting at `run_start` (Ａ１２３…,
  // a１２３…, Ａ123…): the letters and the run's first digit group, as one.
  void identity_before_run(std::string_view text, std::size_t run_start, std::string_view run,
                           const std::vector<std::uint32_t>& run_map) {
    std::array<char, 3> found{};              // letters, last first
    std::array<std::uint32_t, 3> found_at{};  // and where each starts
    std::size_t count = 0;
    std::size_t i = run_start;
    while (count < found.size() && i > 0) {
      std::size_t width = 0;
      char letter = i >= 3 ? id_letter(text, i - 3, width) : '\0';
      if (letter == 0 || width != 3) {
        letter = id_letter(text, i - 1, width);
        if (letter == 0 || width != 1) {
          break;
        }
      }
      i -= width;
      found.at(count) = letter;
      found_at.at(count) = static_cast<std::uint32_t>(i);
      ++count;
    }
    std::string id;
    std::vector<std::uint32_t> id_map;
    for (std::size_t k = count; k > 0; --k) {
      id.push_back(found.at(k - 1));
      id_map.push_back(found_at.at(k - 1));
    }
    // Three letters, or a digit before the letters: inside a word or a code.
    std::size_t width = 0;
    if (id.empty() || id.size() > 2 || (i > 0 && is_alnum(text[i - 1])) ||
        (i >= 3 &&
         (is_fw_digit(text, i - 3) || (id_letter(text, i - 3, width) != 0 && width == 3)))) {
      return;
    }
    std::size_t digits = 0;
    while (digits < run.size() && is_digit(run[digits])) {
      ++digits;
    }
    if (digits == 0) {
      return;
    }
    const std::size_t letters = id.size();
    id.append(run.substr(0, digits));
    id_map.insert(id_map.end(), run_map.begin(),
                  run_map.begin() + static_cast<std::ptrdiff_t>(digits) + 1);
    // The run ended at a letter or digit of another kind: part of a longer word.
    const std::size_t end = id_map.back();
    if (digits == run.size() && end < text.size() &&
        (is_alnum(text[end]) || id_letter(text, end, width) != 0 || is_fw_digit(text, end))) {
      return;
    }
    const View view{id, text, &id_map};
    identity_number(view, letters, letters + digits);
  }

 private:
  static std::size_t digit_run(std::string_view s, std::size_t pos) {
    std::size_t end = pos;
    while (end < s.size() && is_digit(s[end])) {
      ++end;
    }
    return end - pos;
  }
  static std::size_t alnum_run(std::string_view s, std::size_t pos) {
    std::size_t end = pos;
    while (end < s.size() && (is_digit(s[end]) || (s[end] >= 'A' && s[end] <= 'Z'))) {
      ++end;
    }
    return end - pos;
  }

  static bool group_separator(char c) {
    return c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')';
  }
  // Separators between two digit groups: one of " -./()", or a space or dash
  // next to a parenthesis ("+886 (0)912", "(02) 2345").
  static bool separators(std::string_view between) {
    if (between.size() == 1) {
      return group_separator(between[0]);
    }
    const bool paren =
        between[0] == '(' || between[0] == ')' || between[1] == '(' || between[1] == ')';
    const bool plain =
        between[0] == ' ' || between[0] == '-' || between[1] == ' ' || between[1] == '-';
    return between.size() == 2 && paren && plain;
  }
  static std::size_t separator_before(std::string_view s, std::size_t at) {
    for (std::size_t k = 1; k <= 2 && k < at; ++k) {
      if (!group_separator(s[at - k])) {
        return 0;
      }
      if (is_digit(s[at - k - 1]) && separators(s.substr(at - k, k))) {
        return k;
      }
    }
    return 0;
  }
  static std::size_t separator_after(std::string_view s, std::size_t at) {
    for (std::size_t k = 1; k <= 2 && at + k < s.size(); ++k) {
      if (!group_separator(s[at + k - 1])) {
        return 0;
      }
      if (is_digit(s[at + k]) && separators(s.substr(at, k))) {
        return k;
      }
    }
    return 0;
  }

  // The digits from..to as a whole number, with a "(", "+" or "%2B" written before them.
  void number_window(const View& view, std::size_t from, std::size_t to) {
    const std::string_view s = view.s;
    std::size_t digits = 0;
    for (std::size_t i = from; i < to; ++i) {
      digits += is_digit(s[i]) ? 1U : 0U;
    }
    if (digits < 9 || digits > 19) {
      return;  // the shortest landline has 9 digits, the longest card 19
    }
    std::size_t start = from;
    if (start >= 1 && (s[start - 1] == '(' || s[start - 1] == '+')) {
      --start;
    } else if (start >= 3 && (s.substr(start - 3, 3) == "%2B" || s.substr(start - 3, 3) == "%2b")) {
      start -= 3;
    }
    const std::array<std::size_t, 2> begins{start, from};
    for (std::size_t k = 0; k < (start == from ? 1U : 2U); ++k) {
      const std::size_t begin = begins.at(k);
      if (!number_bounded(view, begin, to)) {
        continue;
      }
      const std::string_view span = s.substr(begin, to - begin);
      // Cards start with 2-6; phones with 0, 886, (0, + or %2B.
      const char lead = s[from];
      if (lead >= '2' && lead <= '6') {
        if (begin == from && digits >= 13 && card_valid(span)) {
          emit(view, begin, to, PiiType::kCreditCard, false);
        }
      } else if ((lead == '0' || lead == '8') && digits <= 13) {
        if (mobile_valid(span)) {
          if (!names_non_phone(view, begin)) {
            emit(view, begin, to, PiiType::kMobile, false);
          }
        } else if (landline_valid(span) && !names_non_phone(view, begin)) {
          emit(view, begin, to, PiiType::kLandline, false);
        }
      }
    }
  }

  // One or two letters before a digit group: A123456789, AC01234567, and the
  // same typed in lower case (a123456789).
  void identity_number(const View& view, std::size_t from, std::size_t to) {
    const std::string_view s = view.s;
    const std::size_t length = to - from;
    const auto upper = [](char c) {
      return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    };
    const auto letter = [&](std::size_t i, char last) {
      const char c = upper(s[i]);
      return c >= 'A' && c <= last;
    };
    std::size_t start = 0;
    if (length == 9 && from >= 1 && letter(from - 1, 'Z')) {
      start = from - 1;
    } else if (length == 8 && from >= 2 && letter(from - 1, 'D') && letter(from - 2, 'Z')) {
      start = from - 2;
    } else {
      return;
    }
    if (is_alnum(view.before(start)) || is_alnum(view.after(to))) {
      return;
    }
    std::array<char, 10> id{};
    std::ranges::transform(s.substr(start, to - start), id.begin(), upper);
    if (const auto type = tw_id_type(std::string_view(id.data(), to - start))) {
      emit(view, start, to, *type, false);
    }
  }

  // A key before a phone-shaped number that makes it something else (ts=, seq=).
  // Keys are ASCII: after CJK text there is none to look for.
  static bool names_non_phone(const View& view, std::size_t begin) {
    const std::size_t at = view.at(begin);
    if (at > 0 && static_cast<unsigned char>(view.original[at - 1]) >= 0x80) {
      return false;
    }
    return view.label(begin).names_non_phone();
  }

  // Not part of a longer number or word on either side.
  static bool number_bounded(const View& view, std::size_t from, std::size_t to) {
    const char before = view.before(from);
    const char after = view.after(to);
    if (is_alnum(before) || is_alnum(after) || before == '+') {
      return false;
    }
    // Joined by '-' or '.' to more letters or digits (a UUID group, a longer
    // dotted or dashed number) it is part of something else.
    const char next = view.after(to + 1);
    return !((after == '-' || after == '.') && is_alnum(next)) &&
           !((before == '-' || before == '.') && from >= 2 && is_alnum(view.before(from - 1)));
  }

  void account_after_code(const View& view, const Label& label, std::size_t pos, bool bank_code) {
    const std::string_view s = view.s;
    if (pos >= s.size() || !is_digit(s[pos])) {
      return;
    }
    const std::size_t run = digit_run(s, pos);
    const char next = view.after(pos + run);
    if (is_alnum(next)) {
      return;
    }
    if (bank_code && run >= 10 && run <= 14 && label.names(PiiType::kBankAccount)) {
      emit(view, pos, pos + run, PiiType::kBankAccount, true);
    } else if (!bank_code && run == 7 && next != '-' && label.names(PiiType::kSecuritiesAccount)) {
      emit(view, pos, pos + run, PiiType::kSecuritiesAccount, true);
    } else if (!bank_code && run == 6 && next == '-' && is_digit(view.after(pos + 7)) &&
               !is_alnum(view.after(pos + 8)) && label.names(PiiType::kSecuritiesAccount)) {
      emit(view, pos, pos + 8, PiiType::kSecuritiesAccount, true);
    }
  }

  void ipv4(const View& view, std::size_t from, std::size_t to) {
    const char before = view.before(from);
    const char after = view.after(to);
    if (is_alnum(before) || before == '.' || is_alnum(after) ||
        (after == '.' && is_digit(view.after(to + 1)))) {
      return;
    }
    // A version in a product token (Chrome/124.0.0.0), or the numbered part
    // of an identifier (the requirement ET-4.1.3.1).
    if ((before == '/' || before == '-') && from >= 2 && is_alnum(view.s[from - 2])) {
      return;
    }
    const std::string_view text = view.s.substr(from, to - from);
    if (ipv4_valid(text) && !ipv4_never_personal(text)) {
      emit(view, from, to, PiiType::kIpv4, false);
    }
  }

  static bool local_char(char c) {
    return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }
  static bool domain_char(char c) { return is_alnum(c) || c == '.' || c == '-'; }

  void email(const View& view, std::size_t at, std::size_t after_at) {
    const std::string_view s = view.s;
    std::size_t start = at;
    while (start > 0 && local_char(s[start - 1])) {
      --start;
    }
    if (start == at || s[start] == '.' || view.before(start) == '*' ||
        std::none_of(s.begin() + static_cast<std::ptrdiff_t>(start),
                     s.begin() + static_cast<std::ptrdiff_t>(at), is_alnum)) {
      return;  // no name, a masked one (c***@example.com), or only punctuation (%%@x.com)
    }
    std::size_t end = after_at;
    while (end < s.size() && domain_char(s[end])) {
      ++end;
    }
    while (end > after_at && (s[end - 1] == '.' || s[end - 1] == '-')) {
      --end;
    }
    const std::string_view domain = s.substr(after_at, end - after_at);
    const std::size_t dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || domain.find("..") != std::string_view::npos) {
      return;
    }
    const std::string_view tld = domain.substr(dot + 1);
    if (tld.size() < 2 || !std::ranges::all_of(tld, [](char c) { return !is_digit(c); }) ||
        file_extension(tld) || domain_never_personal(domain)) {
      return;
    }
    emit(view, start, end, PiiType::kEmail, false);
  }

  static bool file_extension(std::string_view tld) {
    constexpr std::string_view kExtensions[] = {"png", "jpg", "jpeg", "gif",  "webp", "svg",
                                                "ico", "bmp", "css",  "js",   "pdf",  "json",
                                                "xml", "txt", "log",  "html", "htm"};
    return std::ranges::find(kExtensions, ascii_lower(tld)) != std::end(kExtensions);
  }

  void custom(const View& view, std::size_t index, std::size_t from, std::size_t to) {
    const CustomDetector& detector = scanner_.custom().at(index);
    const std::string_view span = view.s.substr(from, to - from);
    if (span.empty() || (is_alnum(span.front()) && is_alnum(view.before(from))) ||
        (is_alnum(span.back()) && is_alnum(view.after(to)))) {
      return;
    }
    bool valid = true;
    switch (detector.validator) {
      case Validator::kNone:
        break;
      case Validator::kLuhn:
        valid = luhn_valid(digits_of(span));
        break;
      case Validator::kTwId:
        valid = tw_id_type(span).has_value();
        break;
      case Validator::kBusinessNumber:
        valid = ubn_valid(span);
        break;
      case Validator::kMobile:
        valid = mobile_valid(span);
        break;
      case Validator::kLandline:
        valid = landline_valid(span);
        break;
      case Validator::kIpv4:
        valid = ipv4_valid(span);
        break;
    }
    if (!valid) {
      return;
    }
    bool labelled = false;
    if (!detector.context.empty()) {
      const Label label = view.label(from);
      labelled = std::ranges::any_of(detector.context,
                                     [&](const std::string& word) { return label.has_word(word); });
    }
    if (detector.context_required && !labelled) {
      return;
    }
    Detection detection;
    detection.offset = view.at(from);
    detection.length = view.at(to) - view.at(from);
    detection.type = static_cast<std::uint16_t>(kBuiltinTypeCount + index);
    detection.labelled = labelled;
    out_.push_back(detection);
  }

  void emit(const View& view, std::size_t from, std::size_t to, PiiType type, bool labelled) {
    Detection detection;
    detection.offset = view.at(from);
    detection.length = view.at(to) - view.at(from);
    detection.type = static_cast<std::uint16_t>(type);
    detection.labelled = labelled;
    out_.push_back(detection);
  }

  const Scanner& scanner_;
  std::vector<Detection>& out_;
  std::size_t number_end_ = 0;  // numbers and addresses already classified end here
  std::size_t ip_end_ = 0;
};

// Keeps one detection per stretch of text (sorted by offset, longer first): a
// labelled one over a shape-only one, then the longer, then the earlier.
void resolve_overlaps(std::vector<Detection>& detections, std::size_t first) {
  const auto better = [](const Detection& a, const Detection& b) {
    if (a.labelled != b.labelled) {
      return a.labelled;
    }
    return a.length > b.length;
  };
  std::size_t kept = first;
  for (std::size_t i = first; i < detections.size(); ++i) {
    const Detection& candidate = detections[i];
    if (kept > first) {
      Detection& last = detections[kept - 1];
      if (candidate.offset < last.offset + last.length) {
        if (better(candidate, last)) {
          last = candidate;
        }
        continue;
      }
    }
    detections[kept++] = candidate;
  }
  detections.resize(kept);
}

}  // namespace

ScanScratch::ScanScratch(const Scanner& scanner) : raw_(std::make_unique<Raw>()) {
  hs_scratch_t* scratch = nullptr;
  if (hs_alloc_scratch(static_cast<const hs_database_t*>(scanner.database_), &scratch) !=
      HS_SUCCESS) {
    throw std::bad_alloc();
  }
  scratch_ = scratch;
}

std::uint64_t ScanScratch::lines_before(std::size_t offset) const {
  return raw_->lines.lines_before(offset);
}

std::size_t ScanScratch::line_start(std::size_t offset, std::size_t floor) const {
  return raw_->lines.line_start(offset, floor);
}

ScanScratch::~ScanScratch() {
  hs_free_scratch(static_cast<hs_scratch_t*>(scratch_));
}

namespace {

// The database compiled at build time, when it fits this machine's CPU.
hs_database_t* prebuilt_database() {
  const std::span<const unsigned char> bytes = builtin_database();
  hs_database_t* database = nullptr;
  if (bytes.empty() || hs_deserialize_database(reinterpret_cast<const char*>(bytes.data()),
                                               bytes.size(), &database) != HS_SUCCESS) {
    return nullptr;
  }
  hs_scratch_t* probe = nullptr;  // refused for a database built for other CPU features
  if (hs_alloc_scratch(database, &probe) != HS_SUCCESS) {
    hs_free_database(database);
    return nullptr;
  }
  hs_free_scratch(probe);
  return database;
}

}  // namespace

Result<Scanner> Scanner::create(std::vector<CustomDetector> custom, Build build) {
  hs_database_t* database =
      custom.empty() && build == Build::kPrebuiltWhenItFits ? prebuilt_database() : nullptr;
  const bool prebuilt = database != nullptr;
  hs_compile_error_t* error = nullptr;
  std::vector<const char*> patterns;
  patterns.reserve(custom.size());
  for (const CustomDetector& detector : custom) {
    patterns.push_back(detector.pattern.c_str());
  }
  if (!prebuilt && compile_patterns(patterns, kCustomBase, &database, &error) != HS_SUCCESS) {
    const int expression = error->expression;
    std::string message = error->message;
    hs_free_compile_error(error);
    if (expression >= static_cast<int>(kPatterns.size())) {
      const CustomDetector& bad =
          custom.at(static_cast<std::size_t>(expression) - kPatterns.size());
      return fail(ErrorKind::kInput,
                  fmt::format("detector {}: pattern '{}': {}", bad.name, bad.pattern, message),
                  fmt::format("偵測規則 {}：樣式 '{}'：{}", bad.name, bad.pattern, message));
    }
    return fail(ErrorKind::kInternal, "built-in PII patterns do not compile: " + message,
                "內建個資樣式無法編譯：" + message);
  }
  Scanner scanner;
  scanner.database_ = database;
  scanner.prebuilt_ = prebuilt;
  scanner.custom_ = std::move(custom);
  return scanner;
}

Scanner::~Scanner() {
  hs_free_database(static_cast<hs_database_t*>(database_));
}

Scanner::Scanner(Scanner&& other) noexcept
    : database_(std::exchange(other.database_, nullptr)),
      prebuilt_(other.prebuilt_),
      custom_(std::move(other.custom_)) {}

Scanner& Scanner::operator=(Scanner&& other) noexcept {
  if (this != &other) {
    hs_free_database(static_cast<hs_database_t*>(database_));
    database_ = std::exchange(other.database_, nullptr);
    prebuilt_ = other.prebuilt_;
    custom_ = std::move(other.custom_);
  }
  return *this;
}

std::string_view Scanner::type_name(std::uint16_t type) const {
  if (type < kBuiltinTypeCount) {
    return pii::type_name(static_cast<PiiType>(type));
  }
  return custom_.at(type - kBuiltinTypeCount).name;
}

void Scanner::scan(std::string_view text, ScanScratch& scratch, std::vector<Detection>& out) const {
  const std::size_t first = out.size();
  ScanScratch::Raw& raw = *scratch.raw_;
  auto* hs_scratch = static_cast<hs_scratch_t*>(scratch.scratch_);
  const auto* database = static_cast<const hs_database_t*>(database_);
  // Candidates: vectorscan for labels, e-mail, addresses, full-width digits and
  // user detectors; SIMD bit masks for long numbers.
  const auto candidates = [&](std::string_view s, std::vector<RawMatch>& matches) {
    matches.clear();
    hs_scan(database, s.data(), static_cast<unsigned>(s.size()), 0, hs_scratch, on_match, &matches);
    raw.triggers.clear();
    find_triggers(s, raw.triggers);
  };
  candidates(text, raw.matches);
  Validation validation(*this, out);
  const View plain{text, text, nullptr};
  std::vector<std::uint32_t> wide_runs;
  const auto shape_of = [](const RawMatch& match) {
    return match.id < kCustomBase ? std::optional(kPatterns.at(match.id).shape) : std::nullopt;
  };
  // Numbers from both sources, in order, so each is classified once.
  const auto numbers = [&](const View& view, const std::vector<RawMatch>& matches) {
    const auto middle = static_cast<std::ptrdiff_t>(raw.triggers.numbers.size());
    for (const RawMatch& match : matches) {
      if (shape_of(match) == Shape::kNumber) {
        raw.triggers.numbers.push_back(match.to - 1);
      }
    }
    std::inplace_merge(raw.triggers.numbers.begin(), raw.triggers.numbers.begin() + middle,
                       raw.triggers.numbers.end());
    for (const std::uint32_t trigger : raw.triggers.numbers) {
      validation.number_token(view, trigger);
    }
    for (const std::uint32_t trigger : raw.triggers.addresses) {
      validation.ipv4_token(view, trigger);
    }
  };
  numbers(plain, raw.matches);
  std::swap(raw.lines, raw.triggers);  // keep the line ends of `text`; fw runs reuse triggers
  for (const RawMatch& match : raw.matches) {
    const auto shape = shape_of(match);
    if (shape == Shape::kFullWidth) {
      wide_runs.push_back(match.to);
    } else if (shape != Shape::kNumber) {
      validation.match(plain, match);
    }
  }
  // Numbers typed with full-width characters or other separators: the run is
  // normalized to ASCII and validated the same way; an ID's letters before it
  // (either width, either case) are normalized with it.
  std::size_t last_run_end = 0;
  std::string normalized;
  std::vector<std::uint32_t> map;
  for (const std::uint32_t trigger_end : wide_runs) {
    std::size_t start = trigger_end;
    if (start <= last_run_end) {
      continue;
    }
    while (start > 0) {
      std::size_t width = 0;
      const std::size_t back = start >= 3 ? start - 3 : start - 1;
      if (run_char(text, back, width) != 0 && width == 3) {
        start = back;
      } else if (run_char(text, start - 1, width) != 0 && width == 1) {
        start -= 1;
      } else {
        break;
      }
    }
    normalized.clear();
    map.clear();
    std::size_t pos = start;
    while (pos < text.size()) {
      std::size_t width = 0;
      const char c = run_char(text, pos, width);
      if (c == 0) {
        break;
      }
      normalized += c;
      map.push_back(static_cast<std::uint32_t>(pos));
      pos += width;
    }
    map.push_back(static_cast<std::uint32_t>(pos));
    last_run_end = pos;
    validation.identity_before_run(text, start, normalized, map);
    candidates(normalized, raw.nested);
    const View wide{normalized, text, &map};
    validation.reset();
    numbers(wide, raw.nested);
    for (const RawMatch& inner : raw.nested) {
      if (shape_of(inner) != Shape::kNumber) {
        validation.match(wide, inner);
      }
    }
    validation.labelled_value(wide, 0);
  }
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
            [](const Detection& a, const Detection& b) {
              return a.offset != b.offset ? a.offset < b.offset : a.length > b.length;
            });
  resolve_overlaps(out, first);
}

}  // namespace etguard::pii
