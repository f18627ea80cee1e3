// Reads an events or accounts file (plain or gzip, or stdin) line by line
// into a buffer with the read-ahead padding simdjson needs.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace etguard::authlog {

// A line that could not be read, reported as file:line and never dropped silently.
struct LineProblem {
  std::string file;
  std::uint32_t line = 0;
  std::string message;
};

// Following a growing input (tail -f): at the end of the data, `idle` is
// called and reading resumes when more arrives, until `stop` is set (or
// stdin closes).
struct Follow {
  const std::atomic<bool>* stop = nullptr;
  std::function<void()> idle;
};

// Calls `line(text, capacity, number)` for every non-empty line; `capacity`
// counts the readable bytes from text.data() on (at least text.size() + 64).
// A line longer than 1 MiB is skipped and named in `problems`. Only a file
// or a pipe is read ("-" is stdin).
Status for_each_line(const std::string& path,
                     const std::function<void(std::string_view text, std::size_t capacity,
                                              std::uint32_t number)>& line,
                     std::vector<LineProblem>& problems, const Follow* follow = nullptr);

}  // namespace etguard::authlog
