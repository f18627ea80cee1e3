// A progress line on a terminal's standard error, rewritten in place and
// cleared at the end; nothing at all when standard error is not a terminal
// (a pipe, a log file) or the output itself goes to the terminal as lines.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

namespace etguard::cli {

class ProgressLine {
 public:
  explicit ProgressLine(bool wanted);
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  ~ProgressLine() { clear(); }

  bool shown() const { return enabled_; }
  void show(std::string_view text);
  // Adds `count` bytes read and shows "12.3 MB, 456 MB/s".
  void add_bytes(std::uint64_t count);
  void clear();

 private:
  bool enabled_;
  bool dirty_ = false;
  std::uint64_t bytes_ = 0;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace etguard::cli
