// An XLSX workbook (libxlsxwriter) with the house formats: a bold, shaded,
// wrapped header row and wrapped top-aligned cells. The one XLSX writer.
#pragma once

#include <xlsxwriter.h>

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace etguard::tabular {

class Workbook {
 public:
  explicit Workbook(const std::filesystem::path& path);
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;
  ~Workbook();

  bool ok() const { return book_ != nullptr; }
  lxw_worksheet* sheet(const std::string& name);
  lxw_format* header() const { return header_; }
  lxw_format* wrap() const { return wrap_; }

  // A sheet holding a table: header row, rows, column widths, autofilter, frozen header.
  void add_table(const std::string& name, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows, std::span<const double> widths);

  Status close(const std::filesystem::path& path);

 private:
  lxw_workbook* book_;
  lxw_format* header_ = nullptr;
  lxw_format* wrap_ = nullptr;
};

// A valid Excel sheet name: at most 31 characters, none of []:*?/\.
std::string sheet_name(std::string_view name);

}  // namespace etguard::tabular
