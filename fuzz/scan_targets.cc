// Fuzz target: scan target parsing (command-line arguments and lines of a
// --targets file are outside input).
#include <cstdint>
#include <string_view>

#include "checks/targets.h"

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto target = etguard::check::parse_target(text, 443, "fuzz")) {
    if (target->host.empty() || target->port == 0) {
      __builtin_trap();  // a parsed target always has a host and a port
    }
  }
  return 0;
}
