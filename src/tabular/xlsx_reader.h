// Reads the cells of an XLSX workbook as text (libzip for the container,
// pugixml for the XML): what compliance teams send back after filling in a
// sheet etguard wrote. Formulas are read as their cached values; numbers as
// written; dates typed by hand stay Excel serial numbers (see excel_date).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace etguard::tabular {

struct SheetData {
  std::string name;
  std::vector<std::vector<std::string>> rows;  // rows[0] is the first row; missing cells are ""
};

// Errors name the file and, for malformed parts, the part and cell.
Result<std::vector<SheetData>> read_xlsx(const std::filesystem::path& path);

// "2026-03-15" for an Excel serial day number such as "46096"; the text
// unchanged when it is not a serial number.
std::string excel_date(const std::string& cell);

}  // namespace etguard::tabular
