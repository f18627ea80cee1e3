// The account directory at 00:00 (accounts.jsonl, docs/authlog-input.md).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "authlog/analyzer.h"
#include "authlog/event.h"
#include "authlog/reader.h"
#include "core/result.h"

namespace etguard::authlog {

// One line of the snapshot: the user name and its state at 00:00.
class AccountParser {
 public:
  AccountParser();
  ~AccountParser();
  AccountParser(const AccountParser&) = delete;
  AccountParser& operator=(const AccountParser&) = delete;
  AccountParser(AccountParser&&) = delete;
  AccountParser& operator=(AccountParser&&) = delete;

  // `capacity` as for JsonlParser::parse (kPadding readable bytes past the line).
  // `name` is set to user.name (never empty when the line is an account).
  bool parse(std::string_view line, std::size_t capacity, std::string& name,
             AccountSnapshot& snapshot, std::string& problem);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Loads every account into `analyzer`; malformed lines go to `problems`.
Result<std::size_t> load_accounts(const std::string& path, Interner& strings, Analyzer& analyzer,
                                  std::vector<LineProblem>& problems);

}  // namespace etguard::authlog
