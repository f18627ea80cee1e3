// Authentication events exported as CSV by other systems, read through a
// column mapping (docs/authlog-input.md#csv): which column holds which field
// of the contract, how the export spells its values, and the time zone of
// times written without one. CSV itself is parsed by libcsv (RFC 4180:
// quoted fields may hold delimiters, quotes and newlines).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "authlog/event.h"
#include "core/result.h"

namespace etguard::authlog {

// The event fields a column can fill; "timestamp", "action" and "user_name"
// are required.
inline constexpr std::string_view kCsvFields[] = {"timestamp",
                                                  "event_id",
                                                  "action",
                                                  "outcome",
                                                  "reason",
                                                  "service",
                                                  "user_name",
                                                  "user_id",
                                                  "user_type",
                                                  "source_ip",
                                                  "factors",
                                                  "password_last_changed",
                                                  "ref_event_id",
                                                  "notification_status",
                                                  "verification_method",
                                                  "verification_result"};

struct CsvMapping {
  char delimiter = ',';
  std::map<std::string, std::string> columns;  // field -> header of its column
  char factor_separator = '|';
  std::string timezone = "+08:00";  // for times written without an offset
  // field -> (the export's value -> the contract's value)
  std::map<std::string, std::map<std::string, std::string>> values;
};

// Reads the mapping YAML; errors name the file, the line and the problem.
Result<CsvMapping> load_csv_mapping(const std::string& path);

class CsvParser {
 public:
  CsvParser(Interner& strings, CsvMapping mapping);
  ~CsvParser();
  CsvParser(const CsvParser&) = delete;
  CsvParser& operator=(const CsvParser&) = delete;
  CsvParser(CsvParser&&) = delete;
  CsvParser& operator=(CsvParser&&) = delete;

  struct Row {
    bool ok = false;
    Event event;
    std::string problem;     // when !ok
    std::uint32_t line = 0;  // the line the record ends on
  };

  // Feeds one physical line (without its line end). The first record is the
  // header. Returns the records the line completed: none while a quoted
  // field spans lines. A header that lacks a mapped column is an error.
  Result<std::vector<Row>> feed(std::string_view line, std::uint32_t number);
  // The end of the input: a record left open (an unclosed quote) is reported.
  std::vector<Row> finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace etguard::authlog
