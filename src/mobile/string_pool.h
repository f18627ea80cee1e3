// The string pool of Android's binary resources (ResStringPool): the chunk
// binary XML and the resource table keep every name and value in, UTF-16 or
// UTF-8. Decoded whole, every index and length checked against the chunk.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "mobile/le_reader.h"

namespace etguard::mobile {

inline constexpr std::uint32_t kStringPoolChunk = 0x0001;

struct StringPool {
  std::vector<std::string> strings;  // UTF-8; unpaired surrogates become U+FFFD

  // The string at `index`, or nullptr outside the pool.
  const std::string* at(std::uint32_t index) const {
    return index < strings.size() ? &strings[index] : nullptr;
  }
};

// Reads the pool chunk that starts at `chunk` (its header included). An input
// error naming `where` and the byte offset (`base` + the offset in `chunk`)
// for a count, offset or length outside the chunk.
Result<StringPool> read_string_pool(ByteSpan chunk, std::size_t base, std::string_view where);

// Appends `code_point` to `out` as UTF-8.
void append_utf8(std::string& out, char32_t code_point);

}  // namespace etguard::mobile
