#include "core/yaml_file.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "core/atomic_file.h"
#include "core/text.h"

namespace etguard {

Error yaml_error(const std::string& path, const YAML::Mark& mark, const std::string& en,
                 const std::string& zh) {
  return Error{ErrorKind::kInput,
               fmt::format("{}:{}:{}: {}", path, mark.line + 1, mark.column + 1, en),
               fmt::format("{}:{}:{}：{}", path, mark.line + 1, mark.column + 1, zh)};
}

Result<YAML::Node> load_yaml_file(const std::string& path, std::string_view what_en,
                                  std::string_view what_zh) {
  auto content = read_file(path);
  if (!content) {
    return fail(ErrorKind::kNotFound, fmt::format("{}: cannot read {}", path, what_en),
                fmt::format("{}：無法讀取{}", path, what_zh));
  }
  if (const auto bad = invalid_utf8_at(*content)) {
    const std::string_view before = std::string_view(*content).substr(0, *bad);
    const std::size_t line_start = before.rfind('\n');
    YAML::Mark mark;
    mark.line = static_cast<int>(std::ranges::count(before, '\n'));
    mark.column =
        static_cast<int>(*bad - (line_start == std::string_view::npos ? 0 : line_start + 1));
    return std::unexpected(yaml_error(path, mark,
                                      "bad-encoding: not valid UTF-8 here; save the file as UTF-8",
                                      "bad-encoding：此處不是有效的 UTF-8；請以 UTF-8 儲存"));
  }
  try {
    return YAML::Load(*content);
  } catch (const YAML::ParserException& problem) {
    return std::unexpected(yaml_error(path, problem.mark, "yaml-syntax: " + problem.msg,
                                      "yaml-syntax：" + problem.msg));
  }
}

void YamlProblems::add(const YAML::Mark& mark, std::string_view code, const std::string& en,
                       const std::string& zh) {
  const Error located = yaml_error(path_, mark, fmt::format("{}: {}", code, en),
                                   fmt::format("{}：{}", code, zh.empty() ? en : zh));
  en_.push_back(located.message);
  zh_.push_back(located.message_zh);
}

void YamlProblems::add_located(const std::string& en) {
  en_.push_back(en);
  zh_.push_back(en);
}

Error YamlProblems::error() const {
  return Error{ErrorKind::kInput, fmt::format("{}", fmt::join(en_, "\n")),
               fmt::format("{}", fmt::join(zh_, "\n"))};
}

}  // namespace etguard
