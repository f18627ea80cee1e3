#include "core/problems.h"

#include <fmt/format.h>

namespace etguard {

std::string format_problems(const std::vector<Problem>& problems) {
  std::string out;
  for (const Problem& problem : problems) {
    out += problem.where.file;
    if (problem.where.line > 0) {
      out += fmt::format(":{}:{}", problem.where.line, problem.where.column);
    }
    out += fmt::format(": {}: {}\n", problem.code, problem.message);
  }
  return out;
}

}  // namespace etguard
