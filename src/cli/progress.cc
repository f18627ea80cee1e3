#include "cli/progress.h"

#include <fmt/format.h>
#include <unistd.h>

namespace etguard::cli {

ProgressLine::ProgressLine(bool wanted) : enabled_(wanted && ::isatty(STDERR_FILENO) == 1) {}

void ProgressLine::show(std::string_view text) {
  if (enabled_) {
    fmt::print(stderr, "\r\033[K{}", text);
    dirty_ = true;
  }
}

void ProgressLine::add_bytes(std::uint64_t count) {
  bytes_ += count;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  const double megabytes = static_cast<double>(bytes_) / 1e6;
  show(fmt::format("{:.1f} MB, {:.0f} MB/s", megabytes, seconds > 0 ? megabytes / seconds : 0.0));
}

void ProgressLine::clear() {
  if (dirty_) {
    fmt::print(stderr, "\r\033[K");
    dirty_ = false;
  }
}

}  // namespace etguard::cli
