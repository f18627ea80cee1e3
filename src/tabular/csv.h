// CSV as spreadsheets read it: UTF-8 with a byte-order mark, CRLF line ends,
// RFC 4180 quoting. The one CSV writer of etguard.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace etguard::tabular {

// Appends one record (fields quoted where needed) and CRLF.
void append_csv_row(std::string& out, const std::vector<std::string>& cells);

// A whole document: BOM, header, rows.
std::string csv_document(const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& rows);

}  // namespace etguard::tabular
