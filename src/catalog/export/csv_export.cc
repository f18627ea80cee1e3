#include "catalog/export/csv_export.h"

#include "catalog/export/formats.h"
#include "catalog/export/table.h"
#include "tabular/csv.h"

namespace etguard::catalog {

std::string catalog_to_csv(const Catalog& catalog, Lang lang) {
  std::vector<std::string> header = catalog_columns(lang);
  header.emplace_back(lang == Lang::kZhTw ? "格式" : "Format");
  const std::string format = std::string(kJsonFormat) + ".csv/" + std::string(kTableFormatVersion);
  std::vector<std::vector<std::string>> rows;
  for (CatalogRow& row : catalog_rows(catalog, lang)) {
    row.cells.push_back(format);
    rows.push_back(std::move(row.cells));
  }
  return tabular::csv_document(header, rows);
}

}  // namespace etguard::catalog
