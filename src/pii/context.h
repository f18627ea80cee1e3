// The label right before a value: what makes an 8-digit number a business
// number, a 9-digit one a passport, a 7-digit one a trading account.
//
// The rule (FORMATS.md §2): take up to 40 bytes before the value on its line,
// drop trailing separators (" ' : = ： / # and spaces), cut at the last strong
// separator (" , & ? ; | / { } [ ] < > = ( ) : and their full-width forms) or
// digit, and look at the last three tokens of what is left. ASCII tokens are
// split at case changes (accountNo -> account, no) and match a stem exactly,
// or by prefix for stems of four letters or more (accounts, birthday); CJK
// stems match as substrings. The nearest label wins: in
// "acct":"1234567","qty":7654321 only the first number has an account label.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "pii/types.h"

namespace etguard::pii {

class Label {
 public:
  // The label before line[value_start].
  Label(std::string_view line, std::size_t value_start);

  // A label for `type` (bank and securities accounts share stems; a cloud
  // provider's name in the label, as in aws_account_id, names neither).
  bool names(PiiType type) const;
  // A key that marks a number as something else than a phone (ts=, seq=, qty=, id=, ...).
  bool names_non_phone() const;
  // FIX tag 1 (Account): "|1=" or SOH 1= right before the value.
  bool fix_account() const { return fix_account_; }
  // A user word (lower case): the same matching rules as the built-in stems.
  bool has_word(std::string_view word) const;

 private:
  bool names_cloud_provider() const;

  static constexpr std::size_t kWindow = 40;
  std::array<char, kWindow> text_{};
  std::array<std::string_view, 3> tokens_{};
  std::size_t token_count_ = 0;
  bool fix_account_ = false;
};

}  // namespace etguard::pii
