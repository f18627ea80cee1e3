#include "mobile/dex_strings.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "mobile/input_error.h"

namespace etguard::mobile {
namespace {

constexpr std::size_t kHeaderSize = 0x70;
constexpr std::size_t kStringIdsAt = 0x38;

// ULEB128 of at most five bytes; false past the end or when longer.
bool uleb128(LeReader& in) {
  for (int i = 0; i < 5; ++i) {
    const std::uint32_t byte = in.u8();
    if (!in.ok()) {
      return false;
    }
    if ((byte & 0x80U) == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool is_type_descriptor(std::string_view text) {
  while (text.starts_with('[')) {
    text.remove_prefix(1);
  }
  if (text.size() == 1) {
    return std::string_view("VZBSCIJFD").find(text.front()) != std::string_view::npos;
  }
  // A plain loop: find_first_of calls memchr once per character, which cost
  // a tenth of a package's audit.
  return text.size() > 2 && text.front() == 'L' && text.back() == ';' &&
         std::ranges::none_of(text.substr(1, text.size() - 2),
                              [](char c) { return c == ' ' || c == '\t' || c == ';'; });
}

Result<std::size_t> read_dex_strings(ByteSpan dex, std::string_view where, StringTable& into) {
  if (dex.size() < kHeaderSize || std::memcmp(dex.data(), "dex\n", 4) != 0 || dex[7] != 0) {
    return std::unexpected(byte_error(where, 0, "not a DEX file (no 'dex\\n' header)"));
  }
  LeReader header(dex, kStringIdsAt);
  const std::uint32_t count = header.u32();
  const std::uint32_t ids_at = header.u32();
  if (count > (dex.size() - std::min<std::size_t>(ids_at, dex.size())) / 4) {
    return std::unexpected(
        byte_error(where, kStringIdsAt,
                   fmt::format("{} string ids at {:#x} do not fit in a {}-byte file", count, ids_at,
                               dex.size())));
  }
  const StringTable::Mark before = into.mark();
  const auto failed = [&](Error error) {
    into.rewind(before);
    return std::unexpected(std::move(error));
  };
  into.reserve(into.text().size() + dex.size());
  LeReader ids(dex, ids_at);
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::uint32_t data_at = ids.u32();
    LeReader data(dex, data_at);
    if (!uleb128(data)) {
      return failed(byte_error(where, ids_at + (std::size_t{i} * 4),
                               fmt::format("string {} at {:#x} has no valid length", i, data_at)));
    }
    const std::size_t start = data.position();
    const void* end = std::memchr(dex.data() + start, 0, dex.size() - start);
    if (end == nullptr) {
      return failed(byte_error(where, start, fmt::format("string {} runs past the file's end", i)));
    }
    into.add(std::string_view(
        reinterpret_cast<const char*>(dex.data() + start),
        static_cast<std::size_t>(static_cast<const std::uint8_t*>(end) - (dex.data() + start))));
  }
  return count;
}

}  // namespace etguard::mobile
