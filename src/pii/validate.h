// Structure and checksum rules of each identifier (../shared/bench/pii/FORMATS.md
// §1, docs/pii-scanner.md). Every function takes the candidate exactly as
// written, in ASCII (full-width text is normalized before it gets here).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/text.h"
#include "pii/types.h"

namespace etguard::pii {

// National ID or resident certificate (old A–D and 2021 8/9 formats) with a
// valid check digit; nullopt otherwise.
std::optional<PiiType> tw_id_type(std::string_view text);

// Unified business number under the 2023 rule (sum divisible by 5, which
// accepts every legacy number too).
bool ubn_valid(std::string_view digits);

bool luhn_valid(std::string_view digits);
// Known IIN range and length (Visa, Mastercard 51–55/2221–2720, Amex, JCB,
// Discover, UnionPay, Diners).
bool card_iin_valid(std::string_view digits);
// A payment card as written: contiguous, or grouped 4-4-4-4[-3] / 4-6-5 /
// 4-6-4 with one separator kind; Luhn and IIN valid.
bool card_valid(std::string_view text);

// A Taiwanese mobile number as written (09…, +886 9…, 886 9…, %2B886…).
bool mobile_valid(std::string_view text);
// A landline as written: area code by longest prefix, exact subscriber
// length, subscriber not starting with 0 or 1; toll-free and VoIP excluded.
bool landline_valid(std::string_view text);

// A dotted quad without leading zeros, every octet <= 255.
bool ipv4_valid(std::string_view text);

// Addresses and names that can never be anyone's: loopback (127.0.0.0/8), the
// unspecified address, the documentation networks of RFC 5737 (192.0.2.0/24,
// 198.51.100.0/24, 203.0.113.0/24); the names RFC 2606 and RFC 6761 reserve
// (example.com/.net/.org, .example, .test, .invalid, .localhost).
bool ipv4_never_personal(std::string_view dotted_quad);
bool domain_never_personal(std::string_view domain);

// The length of an ROC-calendar date at the start of `text` (0850312,
// 85/03/12, 085.03.12, 85-03-12, 民國85年3月12日, 85年3月12日) with a real
// month and day, or 0.
std::size_t roc_date_length(std::string_view text);

// Digits of `text` (separators dropped).
std::string digits_of(std::string_view text);

// ASCII classes from core/text.h, under the short names the validators use.
inline bool is_digit(char c) {
  return is_ascii_digit(c);
}
inline bool is_alnum(char c) {
  return is_ascii_alnum(c);
}

}  // namespace etguard::pii
