#include "mobile/string_pool.h"

#include <fmt/format.h>

#include "mobile/input_error.h"

namespace etguard::mobile {
namespace {

constexpr std::uint32_t kUtf8Flag = 1U << 8U;
constexpr std::uint32_t kReplacement = 0xFFFD;

constexpr FormatPart kPool{"string pool", "字串池"};

Error bad_pool(std::string_view where, std::size_t at, std::string_view problem) {
  return byte_error(where, at, problem, kPool);
}

// UTF-16 code units to UTF-8.
std::string from_utf16(LeReader& in, std::uint32_t units) {
  std::string out;
  if (units > in.remaining() / 2) {
    in.take(in.remaining() + 1);  // longer than what is left: the failed flag, no allocation
    return out;
  }
  out.reserve(units);
  for (std::uint32_t i = 0; i < units && in.ok(); ++i) {
    char32_t unit = in.u16();
    if (unit >= 0xD800 && unit <= 0xDBFF && i + 1 < units) {
      LeReader peek = in;
      const char32_t low = peek.u16();
      if (low >= 0xDC00 && low <= 0xDFFF) {
        in = peek;
        ++i;
        unit = 0x10000 + ((unit - 0xD800) << 10U) + (low - 0xDC00);
      }
    }
    append_utf8(out, unit >= 0xD800 && unit <= 0xDFFF ? kReplacement : unit);
  }
  return out;
}

// A length of one unit, or two when the first has its high bit set.
std::uint32_t utf16_length(LeReader& in) {
  const std::uint32_t first = in.u16();
  return (first & 0x8000U) != 0 ? ((first & 0x7FFFU) << 16U) | in.u16() : first;
}
std::uint32_t utf8_length(LeReader& in) {
  const std::uint32_t first = in.u8();
  return (first & 0x80U) != 0 ? ((first & 0x7FU) << 8U) | in.u8() : first;
}

}  // namespace

void append_utf8(std::string& out, char32_t code_point) {
  const auto put = [&](std::uint32_t byte) { out.push_back(static_cast<char>(byte)); };
  const auto value = static_cast<std::uint32_t>(code_point);
  if (value < 0x80) {
    put(value);
  } else if (value < 0x800) {
    put(0xC0U | (value >> 6U));
    put(0x80U | (value & 0x3FU));
  } else if (value < 0x10000) {
    put(0xE0U | (value >> 12U));
    put(0x80U | ((value >> 6U) & 0x3FU));
    put(0x80U | (value & 0x3FU));
  } else {
    put(0xF0U | (value >> 18U));
    put(0x80U | ((value >> 12U) & 0x3FU));
    put(0x80U | ((value >> 6U) & 0x3FU));
    put(0x80U | (value & 0x3FU));
  }
}

Result<StringPool> read_string_pool(ByteSpan chunk, std::size_t base, std::string_view where) {
  LeReader header(chunk);
  const std::uint32_t type = header.u16();
  const std::uint32_t header_size = header.u16();
  const std::uint32_t size = header.u32();
  const std::uint32_t count = header.u32();
  const std::uint32_t style_count = header.u32();
  const std::uint32_t flags = header.u32();
  const std::uint32_t strings_start = header.u32();
  header.u32();  // styles start: styles are not read
  if (!header.ok() || type != kStringPoolChunk || header_size < 28 || size > chunk.size() ||
      size < header_size) {
    return std::unexpected(bad_pool(where, base, "not a whole string pool chunk"));
  }
  const ByteSpan pool = chunk.first(size);
  // Each string needs a 4-byte offset: a count beyond that cannot be real.
  if (count > (size - header_size) / 4 || style_count > (size - header_size) / 4 - count) {
    return std::unexpected(bad_pool(
        where, base + 8, fmt::format("{} strings do not fit in a {}-byte chunk", count, size)));
  }
  if (count > 0 && (strings_start < header_size || strings_start >= size)) {
    return std::unexpected(bad_pool(
        where, base + 20, fmt::format("strings start {} outside the chunk", strings_start)));
  }
  StringPool out;
  out.strings.reserve(count);
  const bool utf8 = (flags & kUtf8Flag) != 0;
  LeReader offsets(pool, header_size);
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::uint64_t at = std::uint64_t{strings_start} + offsets.u32();
    LeReader in(pool, at);
    std::string text;
    if (utf8) {
      utf8_length(in);  // the UTF-16 length, of no use here
      const ByteSpan bytes = in.take(utf8_length(in));
      text.assign(bytes.begin(), bytes.end());
    } else {
      text = from_utf16(in, utf16_length(in));
    }
    if (!in.ok() || at >= size) {
      return std::unexpected(bad_pool(
          where, base + header_size + (std::size_t{i} * 4),
          fmt::format("string {} at offset {} runs past the chunk's end ({} bytes)", i, at, size)));
    }
    out.strings.push_back(std::move(text));
  }
  return out;
}

}  // namespace etguard::mobile
