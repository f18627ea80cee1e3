// Fuzz target: a CSV export (outside input) through the column mapping and
// the CSV parser into the analyzer. The first line is the header. A record
// that parses is an event with a known action; one that does not says why.
#include <cstdint>
#include <string>
#include <string_view>

#include "authlog/analyzer.h"
#include "authlog/parse_csv.h"

namespace {

etguard::authlog::CsvMapping mapping() {
  etguard::authlog::CsvMapping result;
  result.columns = {{"timestamp", "time"},
                    {"action", "action"},
                    {"outcome", "outcome"},
                    {"user_name", "user"},
                    {"user_id", "uid"},
                    {"source_ip", "ip"},
                    {"factors", "factors"},
                    {"reason", "reason"},
                    {"event_id", "id"},
                    {"ref_event_id", "ref"},
                    {"notification_status", "status"}};
  result.values["outcome"] = {{"OK", "success"}, {"NG", "failure"}};
  return result;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  etguard::authlog::Interner strings;
  etguard::authlog::CsvParser parser(strings, mapping());
  etguard::authlog::Analyzer analyzer(strings, etguard::authlog::Policy{});
  const auto take = [&](const std::vector<etguard::authlog::CsvParser::Row>& rows) {
    for (const auto& row : rows) {
      if (row.ok) {
        if (row.event.action == etguard::authlog::Action::kOther) {
          __builtin_trap();
        }
        analyzer.add(row.event);
      } else if (row.problem.empty()) {
        __builtin_trap();  // a rejected record always says why
      }
    }
  };
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::uint32_t number = 0;
  for (std::size_t start = 0; start <= input.size();) {
    const std::size_t end = std::min(input.find('\n', start), input.size());
    auto rows = parser.feed(input.substr(start, end - start), ++number);
    if (!rows) {
      return 0;  // the header lacks a mapped column: the file is refused
    }
    take(*rows);
    start = end + 1;
  }
  take(parser.finish());
  analyzer.finish();
  return 0;
}
