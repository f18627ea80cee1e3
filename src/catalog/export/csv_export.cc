#include "catalog/export/csv_export.h"

#include "catalog/export/formats.h"
#include "catalog/export/table.h"

namespace etguard::catalog {
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

void append_row(std::string& out, const std::vector<std::string>& cells, std::string_view last) {
  for (const std::string& cell : cells) {
    append_field(out, cell);
    out += ',';
  }
  append_field(out, last);
  out += "\r\n";
}

}  // namespace

std::string catalog_to_csv(const Catalog& catalog, Lang lang) {
  std::string out = "\xEF\xBB\xBF";  // UTF-8 byte-order mark
  append_row(out, catalog_columns(lang), lang == Lang::kZhTw ? "格式" : "Format");
  const std::string format = std::string(kJsonFormat) + ".csv/" + std::string(kTableFormatVersion);
  for (const CatalogRow& row : catalog_rows(catalog, lang)) {
    append_row(out, row.cells, format);
  }
  return out;
}

}  // namespace etguard::catalog
