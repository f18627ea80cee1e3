// The built-in vectorscan patterns of the PII scanner: candidates that the
// scanner's code validates (pii/scanner.cc). Shared with the build-time tool
// that compiles them once (tools/pii-dbc), so a run need not.
#pragma once

#include <hs/hs.h>

#include <array>
#include <cstdint>
#include <vector>

namespace etguard::pii {

// What a vectorscan pattern is a candidate for. IDs, phones, cards and
// addresses are found from SIMD triggers (pii/number_triggers.h) instead.
enum class Shape : std::uint8_t {
  kNumber,     // "886": a number in international form whose groups are short
  kAt,         // '@' or %40: an e-mail around it
  kFullWidth,  // a number typed with other widths or separators: normalize the run, scan again
  kLabel,      // a context label: the value follows
};

struct Pattern {
  Shape shape;
  const char* regex;
  unsigned flags;  // every built-in pattern reports ends only; code finds the start
};

inline constexpr unsigned kCaseless = HS_FLAG_CASELESS;

inline constexpr auto kPatterns = std::to_array<Pattern>({
    {Shape::kNumber, "886", 0},
    {Shape::kAt, "@|%40", 0},
    {Shape::kFullWidth, "\\xEF\\xBC[\\x90-\\x99]\\xEF\\xBC[\\x90-\\x99]", 0},
    // Digits joined by a dash or dot other than ASCII's (en and em dashes,
    // U+2010 hyphens, the minus sign, the hyphenation point 0912‧345, the
    // katakana middle dot, full-width hyphen and dot), or full-width
    // parentheses around an area code or trunk zero ((02)2345, +886(0)912).
    // Each needs digits on both sides: a bracketed (2330) in Chinese text is not one.
    {Shape::kFullWidth,
     "[0-9](\\xE2\\x80[\\x90-\\x95\\xA7]|\\xE2\\x88\\x92|\\xE3\\x83\\xBB|\\xEF\\xBC[\\x8D\\x8E])[0-"
     "9]",
     0},
    {Shape::kFullWidth,
     "\\xEF\\xBC\\x880[0-9]|[0-9]\\xEF\\xBC\\x89[0-9]|[0-9]\\xEF\\xBC\\x880\\xEF\\xBC\\x89", 0},
    // A full-width letter before a digit, or a letter before a full-width
    // digit: an ID typed with an IME (Ａ123456789, a１２３４５６７８９).
    {Shape::kFullWidth,
     "\\xEF(\\xBC[\\xA1-\\xBA]|\\xBD[\\x81-\\x9A])([0-9]|\\xEF\\xBC[\\x90-\\x99])", 0},
    {Shape::kFullWidth, "[A-Za-z]\\xEF\\xBC[\\x90-\\x99]", 0},
    {Shape::kLabel, "acct|account|payee", kCaseless},
    {Shape::kLabel, "passport|traveldoc|travel doc", kCaseless},
    {Shape::kLabel, "birth|dob", kCaseless},
    {Shape::kLabel, "ubn|ban|vat|tax ?id", kCaseless},
    {Shape::kLabel, "[|\\x01^]1=", 0},
    {Shape::kLabel, "\\xE5\\xB8\\xB3\\xE8\\x99\\x9F", 0},                 // 帳號
    {Shape::kLabel, "\\xE5\\xB8\\xB3\\xE6\\x88\\xB6", 0},                 // 帳戶
    {Shape::kLabel, "\\xE6\\x88\\xB6\\xE8\\x99\\x9F", 0},                 // 戶號
    {Shape::kLabel, "\\xE8\\xAD\\xB7\\xE7\\x85\\xA7", 0},                 // 護照
    {Shape::kLabel, "\\xE6\\x97\\x85\\xE8\\xA1\\x8C\\xE8\\xAD\\x89", 0},  // 旅行證
    {Shape::kLabel, "\\xE7\\x94\\x9F\\xE6\\x97\\xA5", 0},                 // 生日
    {Shape::kLabel, "\\xE5\\x87\\xBA\\xE7\\x94\\x9F", 0},                 // 出生
    {Shape::kLabel, "\\xE7\\xB5\\xB1\\xE7\\xB7\\xA8", 0},                 // 統編
    {Shape::kLabel, "\\xE7\\xB5\\xB1\\xE4\\xB8\\x80\\xE7\\xB7\\xA8", 0},  // 統一編
});

// Compiles the built-in patterns (ids: their indexes) and then `custom`
// (ids from `custom_base`, leftmost starts reported) for this machine.
hs_error_t compile_patterns(const std::vector<const char*>& custom, unsigned custom_base,
                            hs_database_t** database, hs_compile_error_t** error);

}  // namespace etguard::pii
