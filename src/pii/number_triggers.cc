#include "pii/number_triggers.h"

#include <emmintrin.h>

#include <array>
#include <bit>

namespace etguard::pii {
namespace {

struct Masks {
  std::uint64_t digits = 0;
  std::uint64_t separators = 0;  // ' ', '-' and ')'
};

// Bit i of each mask describes byte i of the 64 bytes at `p`.
Masks block_masks(const char* p) {
  const __m128i below_zero = _mm_set1_epi8('0' - 1);
  const __m128i above_nine = _mm_set1_epi8('9' + 1);
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i dash = _mm_set1_epi8('-');
  const __m128i close = _mm_set1_epi8(')');
  Masks masks;
  for (int part = 0; part < 4; ++part) {
    const __m128i bytes = _mm_loadu_si128(
        reinterpret_cast<const __m128i*>(p + (static_cast<std::ptrdiff_t>(part) * 16)));
    const __m128i digit =
        _mm_and_si128(_mm_cmpgt_epi8(bytes, below_zero), _mm_cmplt_epi8(bytes, above_nine));
    const __m128i separator =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, space), _mm_cmpeq_epi8(bytes, dash)),
                     _mm_cmpeq_epi8(bytes, close));
    const auto shift = static_cast<unsigned>(16 * part);
    masks.digits |= static_cast<std::uint64_t>(static_cast<std::uint16_t>(_mm_movemask_epi8(digit)))
                    << shift;
    masks.separators |=
        static_cast<std::uint64_t>(static_cast<std::uint16_t>(_mm_movemask_epi8(separator)))
        << shift;
  }
  return masks;
}

// mask shifted towards higher positions by k, the previous block's top bits coming in.
std::uint64_t later(std::uint64_t mask, std::uint64_t previous, unsigned k) {
  return (mask << k) | (previous >> (64U - k));
}

}  // namespace

void find_number_triggers(std::string_view text, std::vector<std::uint32_t>& positions) {
  const std::size_t n = text.size();
  std::array<char, 64> tail{};
  Masks previous;
  std::uint64_t previous_hits = 0;
  for (std::size_t base = 0; base < n; base += 64) {
    const char* block = text.data() + base;
    if (n - base < 64) {
      std::copy(block, text.data() + n, tail.begin());
      std::fill(tail.begin() + static_cast<std::ptrdiff_t>(n - base), tail.end(), '\n');
      block = tail.data();
    }
    const Masks m = block_masks(block);
    const std::uint64_t d = m.digits;
    const std::uint64_t pd = previous.digits;
    // d at i, i-1, ..., i-6: seven digits end at i.
    std::uint64_t seven = d;
    for (unsigned k = 1; k < 7; ++k) {
      seven &= later(d, pd, k);
    }
    // ddd s ddd ends at i.
    const std::uint64_t three = d & later(d, pd, 1) & later(d, pd, 2);
    const std::uint64_t grouped = three & later(m.separators, previous.separators, 3) &
                                  later(d, pd, 4) & later(d, pd, 5) & later(d, pd, 6);
    const std::uint64_t hits = seven | grouped;
    // One position per run of consecutive hits.
    std::uint64_t firsts = hits & ~later(hits, previous_hits, 1);
    while (firsts != 0) {
      const auto bit = static_cast<unsigned>(std::countr_zero(firsts));
      if (base + bit < n) {
        positions.push_back(static_cast<std::uint32_t>(base + bit));
      }
      firsts &= firsts - 1;
    }
    previous = m;
    previous_hits = hits;
  }
}

}  // namespace etguard::pii
