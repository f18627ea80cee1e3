// UTF-8 text helpers: display width on a terminal (CJK is two columns),
// whitespace handling and ASCII case folding. Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/lang.h"

namespace etguard {

// Decodes the code point starting at text[pos] and advances pos. Invalid bytes
// decode as U+FFFD and advance by one byte.
char32_t next_code_point(std::string_view text, std::size_t& pos);

// The byte offset of the first ill-formed UTF-8 sequence (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF); nullopt when the
// whole text is valid.
std::optional<std::size_t> invalid_utf8_at(std::string_view text);

// The 1-based line and column (in bytes) of `offset` in `text`.
struct TextPosition {
  int line = 1;
  int column = 1;
};
TextPosition text_position(std::string_view text, std::size_t offset);

// The first character that must not reach a terminal or a report from a
// user-entered value: C0 and C1 controls other than tab and newline, DEL, and
// the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
// U+2066–U+2069) that make text display in another order than it reads.
// The character's index (in code points, from 0) and the code point.
struct UnsafeCharacter {
  std::size_t index = 0;
  char32_t code_point = 0;
};
std::optional<UnsafeCharacter> unsafe_character_in(std::string_view text);
// "U+202E at character 5 (a control character or a bidirectional override,
// which would change how the text displays)", for refusing it.
std::string describe(const UnsafeCharacter& unsafe, Lang lang);

// Columns a code point takes on a terminal: 0 (combining), 1, or 2 (East
// Asian wide and full-width forms).
int code_point_width(char32_t cp);

// Columns the whole string takes on a terminal.
std::size_t display_width(std::string_view text);

// The longest prefix of `text` that fits in `columns`, with "…" appended when
// it had to be cut.
std::string truncate_to_width(std::string_view text, std::size_t columns);

// Splits `text` into lines of at most `columns` display columns, breaking at
// spaces for Latin text and anywhere between CJK characters.
std::vector<std::string> wrap_to_width(std::string_view text, std::size_t columns);

// `text` with every Unicode whitespace code point removed (ASCII whitespace,
// U+3000 ideographic space, U+00A0, U+FEFF). Used to compare texts when the
// PDF line breaks do not matter.
std::string strip_whitespace(std::string_view text);

// Leading and trailing ASCII and ideographic whitespace removed.
std::string_view trim(std::string_view text);

std::string ascii_lower(std::string_view text);

// Case-insensitive (ASCII) search; returns npos when absent.
std::size_t find_ascii_nocase(std::string_view haystack, std::string_view needle,
                              std::size_t from = 0);

inline bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_ascii_alnum(char c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Levenshtein distance on bytes; used for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

// HTML-escapes & < > " ' for text and attribute values.
std::string escape_html(std::string_view text);

// The items of a comma-separated list (a register detail kept as text),
// each trimmed; empty items dropped.
std::vector<std::string> comma_list(std::string_view joined);

}  // namespace etguard
