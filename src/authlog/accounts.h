// The account directory at 00:00 (accounts.jsonl, docs/authlog-input.md).
#pragma once

#include <string>
#include <vector>

#include "authlog/analyzer.h"
#include "authlog/event.h"
#include "core/result.h"

namespace etguard::authlog {

struct LineProblem {
  std::string file;
  std::uint32_t line = 0;
  std::string message;
};

// Loads every account into `analyzer`; malformed lines go to `problems`.
Result<std::size_t> load_accounts(const std::string& path, Interner& strings, Analyzer& analyzer,
                                  std::vector<LineProblem>& problems);

}  // namespace etguard::authlog
