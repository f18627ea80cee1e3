// The values of a large JSON file, one at a time, in bounded memory: the
// elements of one top-level array (Prowler's OCSF output, `[{…},{…}]`) or
// values one after another (JSON Lines). This finds where each value begins
// and ends — strings, escapes and nesting — and nothing more: every value is
// then parsed, and so validated, by simdjson (docs/decisions/0014).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace etguard::cloud {

struct JsonValue {
  std::string_view text;     // followed by at least kJsonPadding readable bytes
  std::uint64_t offset = 0;  // of its first byte in the file
  std::uint64_t index = 0;   // 0-based, its place among the values
};

// What simdjson may read past a value's end (SIMDJSON_PADDING).
inline constexpr std::size_t kJsonPadding = 64;

using ReadProgress = std::function<void(std::size_t bytes)>;

struct JsonReadOptions {
  std::size_t largest = std::size_t{64} << 20U;  // one value's bytes
  std::size_t block = std::size_t{8} << 20U;     // read at a time
  ReadProgress on_read = {};  // hears the bytes of each block read (a progress line)
};

// An input error at byte `offset` of `path`: "path:LINE: (byte N) en". The
// line is counted only now, by reading the file again up to the byte (the
// split counts none); standard input ("-") is named by the byte alone.
std::unexpected<Error> json_input_error(const std::string& path, std::uint64_t offset,
                                        std::string_view en, std::string_view zh);

// Hands every value of `path` ("-": standard input) to `each` in file order
// and returns the SHA-256 (hex) of the file's bytes; stops at the first error
// `each` returns. `on_read`, when given, hears the bytes of each block read
// (a progress line). An error names the file, line and
// byte offset for: a value that is not an object, text between values that
// is not a comma or whitespace, a file that ends inside a value or an
// unclosed array, anything after the array, and a value over the limit.
[[nodiscard]] Result<std::string> for_each_json_value(
    const std::string& path, const std::function<Status(const JsonValue&)>& each,
    const JsonReadOptions& options = {});

}  // namespace etguard::cloud
