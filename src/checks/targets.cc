#include "checks/targets.h"

#include <fmt/format.h>

#include <charconv>
#include <fstream>

#include "core/text.h"

namespace etguard::check {
namespace {

Result<std::uint16_t> parse_port(std::string_view text, std::string_view target,
                                 std::string_view origin) {
  unsigned value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value == 0 || value > 65535) {
    return fail(ErrorKind::kUsage,
                fmt::format("{}: '{}' has an invalid port '{}' (1-65535)", origin, target, text),
                fmt::format("{}：'{}' 的連接埠 '{}' 無效（1-65535）", origin, target, text));
  }
  return static_cast<std::uint16_t>(value);
}

}  // namespace

Result<Target> parse_target(std::string_view text, std::uint16_t default_port,
                            std::string_view origin) {
  Target target;
  target.text = std::string(text);
  target.port = default_port;
  std::string_view host = text;
  if (text.empty()) {
    return fail(ErrorKind::kUsage, fmt::format("{}: empty target", origin),
                fmt::format("{}：目標為空", origin));
  }
  if (text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos) {
      return fail(ErrorKind::kUsage, fmt::format("{}: '{}' lacks the closing ']'", origin, text),
                  fmt::format("{}：'{}' 缺少右方括號 ']'", origin, text));
    }
    host = text.substr(1, close - 1);
    std::string_view rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') {
        return fail(ErrorKind::kUsage,
                    fmt::format("{}: '{}': expected ':PORT' after ']'", origin, text),
                    fmt::format("{}：'{}'：']' 之後應為 ':連接埠'", origin, text));
      }
      auto port = parse_port(rest.substr(1), text, origin);
      if (!port) {
        return std::unexpected(port.error());
      }
      target.port = *port;
    }
  } else if (const std::size_t colon = text.rfind(':');
             colon != std::string_view::npos && text.find(':') == colon) {
    host = text.substr(0, colon);
    auto port = parse_port(text.substr(colon + 1), text, origin);
    if (!port) {
      return std::unexpected(port.error());
    }
    target.port = *port;
  }
  if (host.empty() || host.find_first_of(" \t/") != std::string_view::npos) {
    return fail(ErrorKind::kUsage,
                fmt::format("{}: '{}' is not a host name or address", origin, text),
                fmt::format("{}：'{}' 不是主機名稱或位址", origin, text));
  }
  target.host = std::string(host);
  return target;
}

Result<std::vector<Target>> read_targets_file(const std::string& path, std::uint16_t default_port) {
  std::ifstream in(path);
  if (!in) {
    return fail(ErrorKind::kNotFound, fmt::format("{}: cannot open the targets file", path),
                fmt::format("{}：無法開啟目標清單檔", path));
  }
  std::vector<Target> targets;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string_view text = trim(line);
    if (const std::size_t hash = text.find('#'); hash != std::string_view::npos) {
      text = trim(text.substr(0, hash));
    }
    if (text.empty()) {
      continue;
    }
    auto target = parse_target(text, default_port, fmt::format("{}:{}", path, number));
    if (!target) {
      return std::unexpected(target.error());
    }
    targets.push_back(std::move(*target));
  }
  return targets;
}

}  // namespace etguard::check
