#include "tabular/csv.h"

namespace etguard::tabular {
namespace {

void append_field(std::string& out, std::string_view field) {
  const bool quote = field.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    out += field;
    return;
  }
  out += '"';
  for (const char c : field) {
    if (c == '"') {
      out += '"';
    }
    out += c;
  }
  out += '"';
}

}  // namespace

void append_csv_row(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    append_field(out, cells[i]);
  }
  out += "\r\n";
}

std::string csv_document(const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& rows) {
  std::string out = "\xEF\xBB\xBF";  // UTF-8 byte-order mark
  append_csv_row(out, header);
  for (const auto& row : rows) {
    append_csv_row(out, row);
  }
  return out;
}

}  // namespace etguard::tabular
