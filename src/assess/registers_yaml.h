// Reads and writes the profile and registers as YAML (docs/registers.md), the
// form compliance teams keep under version control. Reading validates against
// the catalog's fact vocabulary and reports every problem with file, line,
// column and field; a file with any problem yields no Registers at all.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "assess/model.h"
#include "catalog/catalog.h"
#include "core/problems.h"
#include "core/result.h"

namespace etguard::assess {

inline constexpr std::string_view kRegistersFormat = "etguard.registers";
inline constexpr std::string_view kRegistersFormatVersion = "1.0";

struct RegistersRead {
  Registers registers;
  std::vector<Problem> problems;
  // The registers the file names (an empty list included): what a merging
  // import replaces, leaving the others as they are.
  std::set<std::string> registers_present;
};

RegistersRead read_registers_yaml(const std::filesystem::path& path,
                                  const catalog::Catalog& catalog);

// The same rules over a document held in memory; `name` stands for the file
// in problems ("registers.xlsx", "registers set").
RegistersRead read_registers_yaml_text(const std::string& text, const std::string& name,
                                       const catalog::Catalog& catalog);

// Checks registers built in memory (an edit, a workbook) by the same rules as
// a registers file: what is valid in one form is valid in every form.
RegistersRead validate_registers(const Registers& registers, const std::string& name,
                                 const catalog::Catalog& catalog);

std::string write_registers_yaml(const Registers& registers);

}  // namespace etguard::assess
