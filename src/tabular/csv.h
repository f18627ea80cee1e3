// CSV as spreadsheets read it: UTF-8 with a byte-order mark, CRLF line ends,
// RFC 4180 quoting. The one CSV writer of etguard.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace etguard::tabular {

// Appends one record (fields quoted where needed) and CRLF.
void append_csv_row(std::string& out, const std::vector<std::string>& cells);

// A whole document: BOM, header, rows.
std::string csv_document(const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& rows);

struct CsvRecord {
  int line = 0;  // 1-based line where the record starts
  std::vector<std::string> fields;
};

// Reads RFC 4180 CSV (quoted fields with "" escapes, CRLF or LF, an optional
// UTF-8 BOM; fields separated by `delimiter`: Prowler writes ';'). An
// unterminated quote is an error naming `origin` and the line.
Result<std::vector<CsvRecord>> parse_csv(std::string_view text, std::string_view origin,
                                         char delimiter = ',');

}  // namespace etguard::tabular
