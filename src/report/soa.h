// The statement of applicability as its own document: for every requirement
// of the guideline, whether it applies to the firm, to which register
// entries, and the facts that decided — in words an examiner reads, with
// the facts' meanings from the catalog. HTML (self-contained), CSV, XLSX.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "assess/scope.h"
#include "catalog/catalog.h"

namespace etguard::report {

struct SoaInput {
  const catalog::Catalog* catalog = nullptr;
  const assess::Registers* registers = nullptr;
  const std::vector<assess::NodeScope>* scope = nullptr;
  std::string today;
  Lang lang = Lang::kEn;
};

std::vector<std::string> soa_columns(Lang lang);
// One row per non-informative requirement, in catalog order.
std::vector<std::vector<std::string>> soa_rows(const SoaInput& input);

std::string soa_html(const SoaInput& input);
std::string soa_csv(const SoaInput& input);
Status write_soa_xlsx(const SoaInput& input, const std::filesystem::path& path);

}  // namespace etguard::report
