// Reads the cells of an XLSX workbook as text (libzip for the container,
// pugixml for the XML): what compliance teams send back after filling in a
// sheet etguard wrote. Formulas are read as their cached values (a formula
// without one is refused, naming the cell); numbers as written; dates typed
// by hand stay Excel serial numbers (see excel_date); a merged range reads as
// its top-left value in every cell it covers, as the sheet shows it.
//
// A workbook is outside input: every part is inflated within a byte budget,
// the cells a sheet would need within a cell budget, and a part can back one
// sheet only, so a small hostile file cannot claim gigabytes.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace etguard::tabular {

struct SheetData {
  std::string name;
  std::vector<std::vector<std::string>> rows;  // rows[0] is the first row; missing cells are ""
  bool date1904 = false;                       // the workbook counts days from 1904-01-01
};

struct XlsxLimits {
  std::size_t inflated_bytes = std::size_t{512} * 1024 * 1024;  // all parts together
  std::size_t cells = 4'000'000;      // cells the sheets' rows hold, empty ones included
  std::size_t elements = 32'000'000;  // XML elements parsed, all parts together
};

// Errors name the file and, for malformed parts, the part and cell.
Result<std::vector<SheetData>> read_xlsx(const std::filesystem::path& path,
                                         const XlsxLimits& limits = {});

// "2026-03-15" for an Excel serial day number such as "46096" (in the 1904
// date system when `date1904`); the text unchanged when it is not a serial
// number or names 1900-02-29, a day Excel counts but the calendar lacks.
std::string excel_date(const std::string& cell, bool date1904 = false);

}  // namespace etguard::tabular
