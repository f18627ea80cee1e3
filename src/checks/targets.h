// Scan targets: "host", "host:port", "[v6addr]:port" or a bare IPv6 address,
// from the command line or a file with one target per line (# comments).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace etguard::check {

struct Target {
  std::string text;  // as given
  std::string host;  // without brackets
  std::uint16_t port = 0;
};

// `origin` names where the text came from ("argument 2", "targets.txt:7") for errors.
Result<Target> parse_target(std::string_view text, std::uint16_t default_port,
                            std::string_view origin);

// Reads a targets file; errors name the file and line.
Result<std::vector<Target>> read_targets_file(const std::string& path, std::uint16_t default_port);

}  // namespace etguard::check
