// Strings seen in the input (user names, addresses, services), stored once
// and named by a dense 32-bit id; 0 is the empty string.
//
// Memory and speed both matter: a day brings hundreds of thousands of names,
// most of them idle accounts of the snapshot. Each string is one record
// [id][length][bytes] in 2 MiB blocks that never move, and the table holds one
// 64-bit slot per string (26 bits of hash, 38 bits of record position; at
// most 80 % full), so a lookup touches one slot and one record, and growing
// the table touches no record. Table and blocks ask for huge pages. A
// 10-character name costs 10 to 20 bytes of table, 8 of position and 15 of
// record. Callers that intern many strings in a batch first call prefetch() for
// each, so the cache misses of the batch overlap.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "core/huge_array.h"
#include "core/huge_pages.h"

namespace etguard::authlog {

class Interner {
 public:
  Interner();

  static std::uint64_t hash(std::string_view text);

  std::uint32_t intern(std::string_view text) { return intern(text, hash(text)); }
  // `hash` must be hash(text).
  std::uint32_t intern(std::string_view text, std::uint64_t hash);
  // A hint: brings the slot of `hash` into cache. (Fetching the record too,
  // once the slot has arrived, measured no gain: docs/authlog.md.)
  void prefetch(std::uint64_t hash) const;

  std::string_view text(std::uint32_t id) const;
  std::size_t size() const { return positions_.size(); }
  // Bytes held: the table, the positions and the blocks.
  std::size_t memory_bytes() const;

 private:
  const char* record(std::uint64_t position) const;
  std::uint64_t store(std::string_view text, std::uint32_t id);
  void grow();

  // 0: empty; else tag << 48 | (position + 1)
  std::vector<std::uint64_t, HugePageAllocator<std::uint64_t>> slots_;
  HugeArray<std::uint64_t> positions_;  // by id: block << 32 | offset
  struct HugeDelete {
    void operator()(char* block) const { release_huge(block); }
  };
  std::vector<std::unique_ptr<char[], HugeDelete>> blocks_;
  std::vector<std::uint32_t> block_sizes_;
  unsigned home_shift_;     // a string's home slot: hash >> home_shift_
  std::uint32_t used_ = 0;  // bytes used in the last block
};

}  // namespace etguard::authlog
