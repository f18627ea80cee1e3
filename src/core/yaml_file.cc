#include "core/yaml_file.h"

#include <fmt/format.h>

namespace etguard {

Error yaml_error(const std::string& path, const YAML::Mark& mark, const std::string& en,
                 const std::string& zh) {
  return Error{ErrorKind::kInput, fmt::format("{}:{}: {}", path, mark.line + 1, en),
               fmt::format("{}:{}：{}", path, mark.line + 1, zh)};
}

Result<YAML::Node> load_yaml_file(const std::string& path, std::string_view what_en,
                                  std::string_view what_zh) {
  try {
    return YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    return fail(ErrorKind::kNotFound, fmt::format("{}: cannot read {}", path, what_en),
                fmt::format("{}：無法讀取{}", path, what_zh));
  } catch (const YAML::ParserException& problem) {
    return std::unexpected(yaml_error(path, problem.mark, problem.msg, problem.msg));
  }
}

}  // namespace etguard
