// Fuzz target: the spreadsheet inputs — the XLSX reader (zip container,
// workbook, shared strings, sheet XML) with the answers and registers readers
// on top of it, and the CSV reader with the registers' long form — as
// `etguard answers import` and `registers import` meet a file someone sent. The input is written to
// a scratch file because both read from paths.
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <string>

#include "catalog/data/embedded.h"
#include "tabular/xlsx_reader.h"
#include "workspace/answers.h"
#include "workspace/registers_sheet.h"

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/etguard-fuzz-" + std::to_string(::getpid()) + ".xlsx";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  const auto sheets = etguard::tabular::read_xlsx(path);
  const auto answers = etguard::workspace::read_answers(path);
  (void)etguard::workspace::read_registers_xlsx(path, etguard::catalog::embedded_catalog())
      .problems.size();
  // A workbook whose sheets read must not make the answers reader crash; a
  // parsed answer always names its requirement.
  if (answers && sheets) {
    for (const auto& row : *answers) {
      if (row.result.node_id.empty()) {
        __builtin_trap();
      }
    }
  }
  return 0;
}
