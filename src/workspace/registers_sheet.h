// The profile and registers as an XLSX workbook (or CSV), the way compliance teams
// keep these lists: a "profile" sheet (field, value) and one sheet per
// register with columns id, name, owner, fact:<name>, detail:<name>,
// date:<name>. Reading converts the workbook into the registers YAML form
// and validates it with the same rules (docs/registers.md); every problem is
// reported at its sheet and row ("registers.xlsx:cloud!4").
#pragma once

#include <filesystem>

#include "assess/registers_yaml.h"

namespace etguard::workspace {

Status write_registers_xlsx(const assess::Registers& registers, const catalog::Catalog& catalog,
                            const std::filesystem::path& path);

assess::RegistersRead read_registers_xlsx(const std::filesystem::path& path,
                                          const catalog::Catalog& catalog);

// The same as CSV in long form, one row per field, for exports from other
// systems: register,id,name,owner,field,value (profile rows have register
// "profile" and field name, sector or fact:org.*). Problems name file:line.
std::string registers_csv(const assess::Registers& registers);
assess::RegistersRead read_registers_csv(const std::filesystem::path& path,
                                         const catalog::Catalog& catalog);

}  // namespace etguard::workspace
