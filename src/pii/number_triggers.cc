#include "pii/number_triggers.h"

#include <immintrin.h>

#include <algorithm>
#include <array>
#include <bit>

namespace etguard::pii {
namespace {

struct Masks {
  std::uint64_t digits = 0;
  std::uint64_t separators = 0;  // ' ', '-', ')' and '/'
  std::uint64_t dots = 0;
  std::uint64_t newlines = 0;
};

// Bit i of each mask describes byte i of the 64 bytes at `p`.
[[gnu::always_inline]] inline Masks block_masks(const char* p) {
  const __m128i below_zero = _mm_set1_epi8('0' - 1);
  const __m128i above_nine = _mm_set1_epi8('9' + 1);
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i dash = _mm_set1_epi8('-');
  const __m128i close = _mm_set1_epi8(')');
  const __m128i slash = _mm_set1_epi8('/');
  const __m128i dot = _mm_set1_epi8('.');
  const __m128i newline = _mm_set1_epi8('\n');
  Masks masks;
  for (int part = 0; part < 4; ++part) {
    const __m128i bytes = _mm_loadu_si128(
        reinterpret_cast<const __m128i*>(p + (static_cast<std::ptrdiff_t>(part) * 16)));
    const __m128i digit =
        _mm_and_si128(_mm_cmpgt_epi8(bytes, below_zero), _mm_cmplt_epi8(bytes, above_nine));
    const __m128i separator =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, space), _mm_cmpeq_epi8(bytes, dash)),
                     _mm_or_si128(_mm_cmpeq_epi8(bytes, close), _mm_cmpeq_epi8(bytes, slash)));
    const auto shift = static_cast<unsigned>(16 * part);
    masks.digits |= static_cast<std::uint64_t>(static_cast<std::uint16_t>(_mm_movemask_epi8(digit)))
                    << shift;
    masks.newlines |= static_cast<std::uint64_t>(static_cast<std::uint16_t>(
                          _mm_movemask_epi8(_mm_cmpeq_epi8(bytes, newline))))
                      << shift;
    masks.dots |= static_cast<std::uint64_t>(
                      static_cast<std::uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, dot))))
                  << shift;
    masks.separators |=
        static_cast<std::uint64_t>(static_cast<std::uint16_t>(_mm_movemask_epi8(separator)))
        << shift;
  }
  return masks;
}

// The same with AVX2: two 32-byte halves.
[[gnu::target("avx2")]] inline Masks block_masks_avx2(const char* p) {
  const __m256i below_zero = _mm256_set1_epi8('0' - 1);
  const __m256i above_nine = _mm256_set1_epi8('9' + 1);
  const __m256i space = _mm256_set1_epi8(' ');
  const __m256i dash = _mm256_set1_epi8('-');
  const __m256i close = _mm256_set1_epi8(')');
  const __m256i slash = _mm256_set1_epi8('/');
  const __m256i dot = _mm256_set1_epi8('.');
  const __m256i newline = _mm256_set1_epi8('\n');
  Masks masks;
  for (int half = 0; half < 2; ++half) {
    const __m256i bytes = _mm256_loadu_si256(
        reinterpret_cast<const __m256i*>(p + (static_cast<std::ptrdiff_t>(half) * 32)));
    const __m256i digit = _mm256_and_si256(_mm256_cmpgt_epi8(bytes, below_zero),
                                           _mm256_cmpgt_epi8(above_nine, bytes));
    const __m256i separator = _mm256_or_si256(
        _mm256_or_si256(_mm256_cmpeq_epi8(bytes, space), _mm256_cmpeq_epi8(bytes, dash)),
        _mm256_or_si256(_mm256_cmpeq_epi8(bytes, close), _mm256_cmpeq_epi8(bytes, slash)));
    const auto shift = static_cast<unsigned>(32 * half);
    masks.digits |=
        static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm256_movemask_epi8(digit)))
        << shift;
    masks.newlines |= static_cast<std::uint64_t>(static_cast<std::uint32_t>(
                          _mm256_movemask_epi8(_mm256_cmpeq_epi8(bytes, newline))))
                      << shift;
    masks.dots |= static_cast<std::uint64_t>(static_cast<std::uint32_t>(
                      _mm256_movemask_epi8(_mm256_cmpeq_epi8(bytes, dot))))
                  << shift;
    masks.separators |=
        static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm256_movemask_epi8(separator)))
        << shift;
  }
  return masks;
}

// mask shifted towards higher positions by k, the previous block's top bits coming in.
[[gnu::always_inline]] inline std::uint64_t later(std::uint64_t mask, std::uint64_t previous,
                                                  unsigned k) {
  return (mask << k) | (previous >> (64U - k));
}

// Appends one position per run of consecutive hits.
[[gnu::always_inline]] inline void push_firsts(std::uint64_t hits, std::uint64_t previous_hits,
                                               std::size_t base, std::size_t n,
                                               std::vector<std::uint32_t>& positions) {
  std::uint64_t firsts = hits & ~later(hits, previous_hits, 1);
  while (firsts != 0) {
    const auto bit = static_cast<unsigned>(std::countr_zero(firsts));
    if (base + bit < n) {
      positions.push_back(static_cast<std::uint32_t>(base + bit));
    }
    firsts &= firsts - 1;
  }
}

template <Masks (*kBlockMasks)(const char*)>
[[gnu::always_inline]] inline void trigger_loop(std::string_view text, Triggers& triggers) {
  const std::size_t n = text.size();
  std::array<char, 64> tail{};
  Masks previous;
  std::uint64_t previous_numbers = 0;
  std::uint64_t previous_pairs = 0;  // "d.d"
  std::uint64_t previous_two = 0;    // two "d.d" close together
  std::uint64_t previous_addresses = 0;
  std::uint32_t newlines = 0;
  triggers.newline_masks.reserve(n / 64 + 1);
  triggers.newlines_before.reserve(n / 64 + 1);
  for (std::size_t base = 0; base < n; base += 64) {
    const char* block = text.data() + base;
    if (n - base < 64) {
      std::copy(block, text.data() + n, tail.begin());
      std::fill(tail.begin() + static_cast<std::ptrdiff_t>(n - base), tail.end(), '\n');
      block = tail.data();
    }
    const Masks m = kBlockMasks(block);
    // The padding of the last block is not text: its line ends do not count.
    const std::uint64_t real_newlines =
        n - base >= 64 ? m.newlines : m.newlines & ((std::uint64_t{1} << (n - base)) - 1);
    triggers.newline_masks.push_back(real_newlines);
    triggers.newlines_before.push_back(newlines);
    newlines += static_cast<std::uint32_t>(std::popcount(real_newlines));
    const std::uint64_t d = m.digits;
    const std::uint64_t pd = previous.digits;
    // dk[k]: a digit k bytes before i.
    std::array<std::uint64_t, 8> dk{};
    dk[0] = d;
    for (unsigned k = 1; k < dk.size(); ++k) {
      dk[k] = later(d, pd, k);
    }
    // d at i, i-1, ..., i-6: seven digits end at i.
    const std::uint64_t seven = dk[0] & dk[1] & dk[2] & dk[3] & dk[4] & dk[5] & dk[6];
    // ddd s ddd ends at i (s: a space, '-', ')' or '/'), or a dotted number
    // with four digits on one side (0912.345.678, 037.123456): no dotted quad
    // has a group of four, so addresses do not trigger numbers.
    const std::uint64_t three = dk[0] & dk[1] & dk[2];
    const std::uint64_t three_before = dk[4] & dk[5] & dk[6];
    const std::uint64_t grouped =
        (three & three_before &
         (later(m.separators, previous.separators, 3) |
          (later(m.dots, previous.dots, 3) & dk[7]))) |
        (three & dk[3] & later(m.dots, previous.dots, 4) & dk[5] & dk[6] & dk[7]);
    const std::uint64_t numbers = seven | grouped;
    push_firsts(numbers, previous_numbers, base, n, triggers.numbers);
    // A dotted quad has three "d.d" pairs, each 2 to 4 bytes after the previous one.
    const std::uint64_t pairs = d & later(m.dots, previous.dots, 1) & dk[2];
    const auto near = [](std::uint64_t mask, std::uint64_t before) {
      return later(mask, before, 2) | later(mask, before, 3) | later(mask, before, 4);
    };
    const std::uint64_t two = pairs & near(pairs, previous_pairs);
    const std::uint64_t addresses = pairs & near(two, previous_two);
    push_firsts(addresses, previous_addresses, base, n, triggers.addresses);
    previous = m;
    previous_numbers = numbers;
    previous_pairs = pairs;
    previous_two = two;
    previous_addresses = addresses;
  }
}

void find_triggers_sse2(std::string_view text, Triggers& triggers) {
  trigger_loop<block_masks>(text, triggers);
}

[[gnu::target("avx2,popcnt"), gnu::flatten]] void find_triggers_avx2(std::string_view text,
                                                                     Triggers& triggers) {
  trigger_loop<block_masks_avx2>(text, triggers);
}

}  // namespace

void find_triggers(std::string_view text, Triggers& triggers) {
  static const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
  if (avx2) {
    find_triggers_avx2(text, triggers);
  } else {
    find_triggers_sse2(text, triggers);
  }
}

__attribute__((target_clones("arch=haswell", "default"))) std::uint64_t Triggers::lines_before(
    std::size_t offset) const {
  const std::size_t block = offset / 64;
  if (block >= newline_masks.size()) {
    return newline_masks.empty()
               ? 0
               : newlines_before.back() +
                     static_cast<std::uint64_t>(std::popcount(newline_masks.back()));
  }
  const std::uint64_t below = (std::uint64_t{1} << (offset % 64)) - 1;
  return newlines_before[block] +
         static_cast<std::uint64_t>(std::popcount(newline_masks[block] & below));
}

std::size_t Triggers::line_start(std::size_t offset, std::size_t floor) const {
  std::size_t block = offset / 64;
  std::uint64_t mask = block < newline_masks.size()
                           ? newline_masks[block] & ((std::uint64_t{1} << (offset % 64)) - 1)
                           : 0;
  while (mask == 0) {
    if (block == 0 || block * 64 <= floor) {
      return floor;
    }
    mask = newline_masks[--block];
  }
  const std::size_t after_end =
      (block * 64) + 64 - static_cast<std::size_t>(std::countl_zero(mask));
  return std::max(after_end, floor);
}

}  // namespace etguard::pii
