// Problems found while loading a catalog: each with file, line, column, a
// stable code (docs/catalog-schema.md lists them) and a message. Loading goes
// on after a problem so that one run reports all of them.
#pragma once

#include <string>
#include <vector>

namespace etguard::catalog {

struct Location {
  std::string file;  // relative to the catalog directory: "articles/08.yaml"
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

}  // namespace etguard::catalog
