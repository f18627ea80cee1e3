// Fuzz target: lines of the account-directory snapshot (outside input)
// through the snapshot parser into the analyzer. An accepted line names a
// user; a rejected one says why.
#include <cstdint>
#include <string>
#include <string_view>

#include "authlog/accounts.h"
#include "authlog/parse_jsonl.h"

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  etguard::authlog::Interner strings;
  etguard::authlog::AccountParser parser;
  etguard::authlog::Analyzer analyzer(strings, etguard::authlog::Policy{});
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (std::size_t start = 0; start <= input.size();) {
    const std::size_t end = std::min(input.find('\n', start), input.size());
    std::string padded(input.substr(start, end - start));
    const std::size_t length = padded.size();
    padded.append(etguard::authlog::JsonlParser::kPadding, ' ');
    std::string name;
    etguard::authlog::AccountSnapshot snapshot;
    std::string problem;
    if (parser.parse(std::string_view(padded.data(), length), padded.size(), name, snapshot,
                     problem)) {
      if (name.empty()) {
        __builtin_trap();
      }
      analyzer.set_account(strings.intern(name), snapshot);
    } else if (problem.empty()) {
      __builtin_trap();
    }
    start = end + 1;
  }
  analyzer.finish();
  return 0;
}
