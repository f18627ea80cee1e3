#include "core/clock.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>

namespace etguard {

std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z",
                     std::chrono::time_point_cast<std::chrono::seconds>(now), millis);
}

std::string utc_today() {
  return utc_now().substr(0, 10);
}

}  // namespace etguard
