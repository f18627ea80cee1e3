// Where numbers long enough to be an identifier end: seven digits in a row,
// or two groups of three digits joined by a space, a dash or ")". Found with SIMD
// bit masks, 64 bytes at a time — vectorscan runs digit-class patterns at a
// few hundred MB/s on digit-dense logs (docs/decisions/0005-pii-candidates.md).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace etguard::pii {

// Appends, in order, one position per trigger run: the last byte of the first
// seven-digit window or "ddd-ddd"/"ddd ddd" group pair of each run.
void find_number_triggers(std::string_view text, std::vector<std::uint32_t>& positions);

}  // namespace etguard::pii
