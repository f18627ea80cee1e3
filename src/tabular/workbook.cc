#include "tabular/workbook.h"

#include <fmt/format.h>

#include "core/text.h"

namespace etguard::tabular {

Workbook::Workbook(const std::filesystem::path& path) : book_(workbook_new(path.c_str())) {
  if (book_ != nullptr) {
    header_ = workbook_add_format(book_);
    format_set_bold(header_);
    format_set_text_wrap(header_);
    format_set_bg_color(header_, 0xDDE5F0);
    format_set_border(header_, LXW_BORDER_THIN);
    wrap_ = workbook_add_format(book_);
    format_set_text_wrap(wrap_);
    format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
  }
}

Workbook::~Workbook() {
  if (book_ != nullptr) {
    workbook_close(book_);  // only when close() was not reached
  }
}

lxw_worksheet* Workbook::sheet(const std::string& name) {
  return workbook_add_worksheet(book_, name.c_str());
}

void Workbook::add_table(const std::string& name, const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& rows,
                         std::span<const double> widths) {
  lxw_worksheet* table = sheet(name);
  for (std::size_t col = 0; col < header.size(); ++col) {
    const auto column = static_cast<lxw_col_t>(col);
    worksheet_set_column(table, column, column, col < widths.size() ? widths[col] : 16, wrap_);
    worksheet_write_string(table, 0, column, header[col].c_str(), header_);
  }
  lxw_row_t next = 1;
  for (const auto& row : rows) {
    for (std::size_t col = 0; col < row.size(); ++col) {
      if (!row[col].empty()) {
        worksheet_write_string(table, next, static_cast<lxw_col_t>(col), row[col].c_str(), wrap_);
      }
    }
    ++next;
  }
  if (!header.empty()) {
    worksheet_autofilter(table, 0, 0, next - 1, static_cast<lxw_col_t>(header.size() - 1));
    worksheet_freeze_panes(table, 1, 0);
  }
}

Status Workbook::close(const std::filesystem::path& path) {
  const lxw_error error = workbook_close(book_);
  book_ = nullptr;
  if (error != LXW_NO_ERROR) {
    return fail(
        ErrorKind::kIo,
        fmt::format("cannot write the workbook '{}': {}", path.string(), lxw_strerror(error)),
        fmt::format("無法寫入活頁簿 '{}'：{}", path.string(), lxw_strerror(error)));
  }
  return {};
}

std::string sheet_name(std::string_view name) {
  std::string clean;
  std::size_t characters = 0;
  for (std::size_t pos = 0; pos < name.size() && characters < 31;) {
    const std::size_t start = pos;
    const char32_t cp = next_code_point(name, pos);
    if (cp == U'[' || cp == U']' || cp == U':' || cp == U'*' || cp == U'?' || cp == U'/' ||
        cp == U'\\') {
      continue;
    }
    clean.append(name, start, pos - start);
    ++characters;
  }
  return std::string(trim(clean));
}

}  // namespace etguard::tabular
