// Reads and writes the profile and registers as YAML (docs/registers.md), the
// form compliance teams keep under version control. Reading validates against
// the catalog's fact vocabulary and reports every problem with file, line,
// column and field; a file with any problem yields no Registers at all.
#pragma once

#include <filesystem>
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
};

RegistersRead read_registers_yaml(const std::filesystem::path& path,
                                  const catalog::Catalog& catalog);

std::string write_registers_yaml(const Registers& registers);

}  // namespace etguard::assess
