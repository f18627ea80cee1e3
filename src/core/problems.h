// Problems found in an input file (the catalog, a register import): each
// with file, line, column, a stable code and a message. Readers go on after a
// problem so that one run reports all of them.
#pragma once

#include <string>
#include <vector>

namespace etguard {

struct Location {
  std::string file;  // as the user should read it: "articles/08.yaml", "registers.yaml"
  int line = 0;      // 1-based; 0 when unknown
  int column = 0;    // 1-based; 0 when unknown
};

struct Problem {
  Location where;
  std::string code;  // "unknown-key", "dangling-reference", ...
  std::string message;
};

// "articles/08.yaml:12:5: unknown-key: ..." — one problem per line.
std::string format_problems(const std::vector<Problem>& problems);

}  // namespace etguard
