// Fuzz target: lines of authentication-log JSON Lines or auth.log (outside
// input) through the parsers and the analyzer. A parsed event always has a time and
// a known action; the analyzer takes any sequence of them.
#include <cstdint>
#include <string>
#include <string_view>

#include "authlog/analyzer.h"
#include "authlog/parse_jsonl.h"
#include "authlog/parse_syslog.h"

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  etguard::authlog::Interner strings;
  etguard::authlog::JsonlParser parser(strings);
  etguard::authlog::Analyzer analyzer(strings, etguard::authlog::Policy{});
  // Parsed events come out a few lines later (parse_jsonl.h), in input order.
  const auto take = [&](bool drain) {
    while (const etguard::authlog::Event* event = parser.next(drain)) {
      if (event->action == etguard::authlog::Action::kOther) {
        __builtin_trap();
      }
      analyzer.add(*event);
    }
  };
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::size_t start = 0;
  while (start <= input.size()) {
    const std::size_t end = std::min(input.find('\n', start), input.size());
    std::string padded(input.substr(start, end - start));
    const std::size_t length = padded.size();
    padded.append(etguard::authlog::JsonlParser::kPadding, ' ');
    etguard::authlog::Event event;
    std::string problem;
    etguard::authlog::SyslogDates dates;
    dates.year = 2025;
    dates.utc_offset_minutes = 0;
    if (length > 0 && padded.front() != '{') {
      const auto kind =
          etguard::authlog::parse_syslog(padded.substr(0, length), dates, strings, event, problem);
      if (kind == etguard::authlog::SyslogLine::kEvent) {
        analyzer.add(event);
      } else if (kind == etguard::authlog::SyslogLine::kBad && problem.empty()) {
        __builtin_trap();
      }
    } else if (parser.parse(std::string_view(padded.data(), length), padded.size(), problem)) {
      take(false);
    } else if (problem.empty()) {
      __builtin_trap();  // a rejected line always says why
    }
    start = end + 1;
  }
  take(true);
  analyzer.finish();
  return 0;
}
