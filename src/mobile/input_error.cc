#include "mobile/input_error.h"

#include <fmt/format.h>

namespace etguard::mobile {

Error byte_error(std::string_view where, std::size_t at, std::string_view problem,
                 FormatPart part) {
  const std::string en = part.en.empty() ? std::string() : fmt::format("{}: ", part.en);
  const std::string zh = part.zh.empty() ? std::string() : fmt::format("{}：", part.zh);
  return Error{ErrorKind::kInput, fmt::format("{}: byte {:#x}: {}{}", where, at, en, problem),
               fmt::format("{}：位元組 {:#x}：{}{}", where, at, zh, problem)};
}

Error input_error(std::string_view where, std::string_view problem, std::string_view problem_zh) {
  return Error{ErrorKind::kInput, fmt::format("{}: {}", where, problem),
               fmt::format("{}：{}", where, problem_zh)};
}

}  // namespace etguard::mobile
