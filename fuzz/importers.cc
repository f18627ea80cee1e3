// Fuzz target: every importer of a file someone sent, with the budgets that
// keep a small file from claiming gigabytes. The first byte picks the
// format: 0 registers YAML, 1 answers YAML, 2 registers CSV (long form),
// 3 XLSX (the reader, then the answers and registers readers on it). The
// rest is the file, written to a private scratch directory since the readers
// take paths.
//
// Invariant: registers read without a problem write out as YAML that reads
// back without a problem to the same registers.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "assess/registers_yaml.h"
#include "catalog/data/embedded.h"
#include "scratch.h"
#include "tabular/xlsx_reader.h"
#include "workspace/answers.h"
#include "workspace/registers_sheet.h"

namespace {

std::filesystem::path write(const std::string& name, const std::uint8_t* data, std::size_t size) {
  const auto path = fuzz_scratch() / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

void check_round_trip(const etguard::assess::RegistersRead& read) {
  if (!read.problems.empty()) {
    return;
  }
  const auto& catalog = etguard::catalog::embedded_catalog();
  const std::string written = etguard::assess::write_registers_yaml(read.registers);
  const auto again = etguard::assess::read_registers_yaml_text(written, "again.yaml", catalog);
  if (!again.problems.empty() ||
      etguard::assess::write_registers_yaml(again.registers) != written) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const auto& catalog = etguard::catalog::embedded_catalog();
  const std::uint8_t format = data[0] % 4;
  ++data;
  --size;
  switch (format) {
    case 0:
      check_round_trip(etguard::assess::read_registers_yaml_text(
          std::string(reinterpret_cast<const char*>(data), size), "registers.yaml", catalog));
      break;
    case 1: {
      const auto answers = etguard::workspace::read_answers(write("answers.yaml", data, size));
      if (answers) {
        for (const auto& row : *answers) {
          if (row.result.node_id.empty()) {  // a parsed answer always names its requirement
            __builtin_trap();
          }
        }
      }
      break;
    }
    case 2:
      check_round_trip(
          etguard::workspace::read_registers_csv(write("registers.csv", data, size), catalog));
      break;
    default: {
      const auto path = write("sent.xlsx", data, size);
      const auto sheets = etguard::tabular::read_xlsx(path);
      const auto answers = etguard::workspace::read_answers(path);
      if (answers && !sheets) {
        __builtin_trap();  // answers come from a workbook that reads
      }
      check_round_trip(etguard::workspace::read_registers_xlsx(path, catalog));
      break;
    }
  }
  return 0;
}
