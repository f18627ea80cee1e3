#include "pii/context.h"

#include <algorithm>
#include <span>

#include "pii/validate.h"

namespace etguard::pii {
namespace {

constexpr std::string_view kPassportStems[] = {"passport", "traveldoc", "護照", "旅行證件"};
constexpr std::string_view kBankStems[] = {"帳號", "帳戶", "account", "acct", "payee"};
constexpr std::string_view kSecuritiesStems[] = {"帳號", "戶號", "account", "acct"};
constexpr std::string_view kBirthStems[] = {"生日", "出生", "birth", "dob"};
constexpr std::string_view kBusinessStems[] = {"統編", "統一編號", "ubn", "ban", "vat", "taxid"};
// A provider's name in the label makes "account" a cloud account (aws_account_id,
// cloud_accounts, AzureSubscriptionAccount), never a bank or trading account.
constexpr std::string_view kCloudQualifiers[] = {"aws", "azure", "gcp", "cloud"};
constexpr std::string_view kNonPhoneKeys[] = {"ts",  "time", "timestamp", "batch", "seq",
                                              "qty", "vol",  "ref",       "id",    "epoch"};

bool is_continuation(unsigned char c) {
  return (c & 0xC0U) == 0x80U;
}

// Full-width and CJK punctuation (3-byte UTF-8) that separates fields.
bool is_wide_strong(std::string_view three) {
  constexpr std::string_view kWide[] = {"，", "。", "；", "（", "）", "：", "、", "「", "」"};
  return std::ranges::find(kWide, three) != std::end(kWide);
}

bool is_trailing_separator(char c) {
  return c == '"' || c == '\'' || c == ':' || c == '=' || c == '/' || c == '#' || c == ' ' ||
         c == '\t';
}

constexpr std::array<bool, 256> kStrongSeparators = [] {
  std::array<bool, 256> table{};
  for (const char c : std::string_view("\",&?;|/{}[]<>=():\x01")) {
    table.at(static_cast<unsigned char>(c)) = true;
  }
  for (char c = '0'; c <= '9'; ++c) {
    table.at(static_cast<unsigned char>(c)) = true;
  }
  return table;
}();

bool is_strong_separator(char c) {
  return kStrongSeparators.at(static_cast<unsigned char>(c));
}

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}

bool word_matches(std::string_view token, std::string_view stem) {
  if (static_cast<unsigned char>(stem[0]) >= 0x80) {
    return token.find(stem) != std::string_view::npos;
  }
  return token == stem || (stem.size() >= 4 && token.starts_with(stem));
}

}  // namespace

Label::Label(std::string_view line, std::size_t value_start) {
  std::size_t begin = value_start > kWindow ? value_start - kWindow : 0;
  while (begin < value_start && is_continuation(static_cast<unsigned char>(line[begin]))) {
    ++begin;
  }
  std::string_view window = line.substr(begin, value_start - begin);
  if (const std::size_t newline = window.rfind('\n'); newline != std::string_view::npos) {
    window.remove_prefix(newline + 1);
  }
  fix_account_ = window.ends_with("1=") &&
                 (window.size() == 2 || window[window.size() - 3] == '|' ||
                  window[window.size() - 3] == '\x01' || window[window.size() - 3] == '^');
  // Drop trailing separators, ASCII and the full-width colon and space.
  while (!window.empty()) {
    if (is_trailing_separator(window.back())) {
      window.remove_suffix(1);
    } else if (window.ends_with("：") || window.ends_with("\u3000")) {
      window.remove_suffix(3);
    } else {
      break;
    }
  }
  // Cut at the last strong separator or digit.
  std::size_t cut = 0;
  for (std::size_t i = window.size(); i > 0; --i) {
    const char c = window[i - 1];
    if (static_cast<unsigned char>(c) < 0x80) {
      if (is_strong_separator(c)) {
        cut = i;
        break;
      }
    } else if (i >= 3 && !is_continuation(static_cast<unsigned char>(window[i - 3])) &&
               is_wide_strong(window.substr(i - 3, 3))) {
      cut = i;
      break;
    }
  }
  window.remove_prefix(cut);
  // Lower-case copy, tokens from the end: ASCII words split at case changes, CJK runs.
  const std::size_t n = window.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char c = window[i];
    text_.at(i) = is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
  }
  std::size_t end = n;
  while (end > 0 && token_count_ < tokens_.size()) {
    const auto kind = [&](std::size_t i) {
      const auto c = static_cast<unsigned char>(window[i]);
      if (c >= 0x80) {
        return 2;
      }
      return is_alnum(static_cast<char>(c)) ? 1 : 0;
    };
    while (end > 0 && kind(end - 1) == 0) {
      --end;
    }
    if (end == 0) {
      break;
    }
    std::size_t start = end;
    const int run = kind(end - 1);
    while (start > 0 && kind(start - 1) == run) {
      // camelCase: a lower-case letter followed by an upper-case one ends a word.
      if (run == 1 && start < end && is_upper(window[start]) && is_lower(window[start - 1])) {
        break;
      }
      --start;
    }
    tokens_.at(token_count_++) = std::string_view(text_.data() + start, end - start);
    end = start;
  }
}

bool Label::has_word(std::string_view word) const {
  if (word.empty()) {
    return false;
  }
  for (std::size_t i = 0; i < token_count_; ++i) {
    if (word_matches(tokens_.at(i), word)) {
      return true;
    }
  }
  // Two-word stems such as "tax id" match adjacent tokens.
  for (std::size_t i = 0; i + 1 < token_count_; ++i) {
    const std::string_view first = tokens_.at(i + 1);
    const std::string_view second = tokens_.at(i);
    if (word.size() == first.size() + second.size() && word.starts_with(first) &&
        word.ends_with(second)) {
      return true;
    }
  }
  return false;
}

bool Label::names(PiiType type) const {
  std::span<const std::string_view> stems;
  switch (type) {
    case PiiType::kPassport:
      stems = kPassportStems;
      break;
    case PiiType::kBankAccount:
      if (names_cloud_provider()) {
        return false;
      }
      stems = kBankStems;
      break;
    case PiiType::kSecuritiesAccount:
      if (fix_account_) {
        return true;
      }
      if (names_cloud_provider()) {
        return false;
      }
      stems = kSecuritiesStems;
      break;
    case PiiType::kRocBirthDate:
      stems = kBirthStems;
      break;
    case PiiType::kBusinessNumber:
      stems = kBusinessStems;
      break;
    default:
      return false;
  }
  return std::ranges::any_of(stems, [&](std::string_view stem) { return has_word(stem); });
}

bool Label::names_cloud_provider() const {
  for (std::size_t i = 0; i < token_count_; ++i) {
    if (std::ranges::find(kCloudQualifiers, tokens_.at(i)) != std::end(kCloudQualifiers)) {
      return true;
    }
  }
  return false;
}

bool Label::names_non_phone() const {
  for (std::size_t i = 0; i < token_count_; ++i) {
    if (std::ranges::find(kNonPhoneKeys, tokens_.at(i)) != std::end(kNonPhoneKeys)) {
      return true;
    }
  }
  return false;
}

}  // namespace etguard::pii
