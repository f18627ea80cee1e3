// Reads an events or accounts file (plain or gzip, or stdin) line by line
// into a buffer with the read-ahead padding simdjson needs.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace etguard::authlog {

// Calls `line(text, capacity, number)` for every non-empty line; `capacity`
// counts the readable bytes from text.data() on (at least text.size() + 64).
Status for_each_line(const std::string& path,
                     const std::function<void(std::string_view text, std::size_t capacity,
                                              std::uint32_t number)>& line);

}  // namespace etguard::authlog
