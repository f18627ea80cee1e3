// The catalog as an Excel workbook: an "About" sheet (title, version, format
// version), then one sheet per chapter with the columns of table.h, a frozen
// bold header row, an autofilter and wrapped text.
#pragma once

#include <filesystem>

#include "catalog/catalog.h"
#include "core/result.h"

namespace etguard::catalog {

// Writes the workbook to `path` atomically (a temporary file renamed over it).
Status write_catalog_xlsx(const Catalog& catalog, Lang lang, const std::filesystem::path& path);

}  // namespace etguard::catalog
