// The catalog as a table, one row per node: the shared content of the CSV and
// XLSX exports, so the two always agree. Header labels and the words in
// obligation and recurrence cells follow `lang`; both texts are always there.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.h"

namespace etguard::catalog {

struct CatalogRow {
  int chapter = 0;
  std::vector<std::string> cells;  // one per column of catalog_columns()
};

std::vector<std::string> catalog_columns(Lang lang);

std::vector<CatalogRow> catalog_rows(const Catalog& catalog, Lang lang);

}  // namespace etguard::catalog
