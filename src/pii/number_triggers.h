// Where numbers long enough to be an identifier end — seven digits in a row,
// or two groups of three digits joined by a space, '-', ')' or '/', or a group
// of four and one of three joined by '.' — and where
// dotted quads end. Found with SIMD
// bit masks, 64 bytes at a time — vectorscan runs digit-class patterns at a
// few hundred MB/s on digit-dense logs (docs/decisions/0005-pii-candidates.md).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace etguard::pii {

struct Triggers {
  // The last byte of the first seven-digit window or "ddd-ddd" pair of each run.
  std::vector<std::uint32_t> numbers;
  // A digit after the third of three "d.d" pairs 2 to 4 bytes apart (1.2.3.4).
  std::vector<std::uint32_t> addresses;
  // Line ends: the mask of each 64-byte block, and how many came before it.
  std::vector<std::uint64_t> newline_masks;
  std::vector<std::uint32_t> newlines_before;
  void clear() {
    numbers.clear();
    addresses.clear();
    newline_masks.clear();
    newlines_before.clear();
  }
  // Line ends before byte `offset` of the text (offset <= its size).
  std::uint64_t lines_before(std::size_t offset) const;
  // The byte after the last line end before `offset`, or `floor` when there
  // is none at or after it (offset <= the text's size).
  std::size_t line_start(std::size_t offset, std::size_t floor) const;
};

// Appends the triggers of `text`, in order.
void find_triggers(std::string_view text, Triggers& triggers);

}  // namespace etguard::pii
