#include "catalog/export/xlsx_export.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "catalog/export/formats.h"
#include "catalog/export/table.h"
#include "core/atomic_file.h"
#include "core/text.h"

namespace etguard::catalog {
namespace {

// Column widths in Excel character units, by column of catalog_columns().
constexpr double kWidths[] = {6,  6,  24, 12, 10, 8,  10, 10, 22, 16,
                              16, 18, 8,  60, 70, 40, 48, 14, 20, 40};

// A sheet name: at most 31 characters, none of []:*?/\ (Excel's rules).
std::string sheet_name(const Chapter& chapter, Lang lang) {
  std::string name =
      chapter_label(chapter.number, lang) + " " + std::string(chapter.title.in(lang));
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

class Workbook {
 public:
  explicit Workbook(const std::filesystem::path& path) : book_(workbook_new(path.c_str())) {
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
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;
  ~Workbook() {
    if (book_ != nullptr) {
      workbook_close(book_);  // only when close() was not reached
    }
  }

  bool ok() const { return book_ != nullptr; }

  lxw_worksheet* sheet(const std::string& name) {
    return workbook_add_worksheet(book_, name.c_str());
  }
  lxw_format* header() const { return header_; }
  lxw_format* wrap() const { return wrap_; }

  Status close(const std::filesystem::path& path) {
    const lxw_error error = workbook_close(book_);
    book_ = nullptr;
    if (error != LXW_NO_ERROR) {
      return fail(ErrorKind::kIo, fmt::format("cannot write the workbook '{}': {}", path.string(),
                                              lxw_strerror(error)));
    }
    return {};
  }

 private:
  lxw_workbook* book_;
  lxw_format* header_ = nullptr;
  lxw_format* wrap_ = nullptr;
};

void write_about(Workbook& book, const Catalog& catalog, Lang lang) {
  const CatalogData& data = catalog.data();
  lxw_worksheet* sheet = book.sheet(lang == Lang::kZhTw ? "說明" : "About");
  const std::string format = std::string(kJsonFormat) + ".xlsx/" + std::string(kTableFormatVersion);
  const std::pair<std::string_view, std::string> rows[] = {
      {lang == Lang::kZhTw ? "指引" : "Guideline", std::string(data.title.in(lang))},
      {lang == Lang::kZhTw ? "版本" : "Version", std::string(data.version)},
      {lang == Lang::kZhTw ? "修正" : "Revision", std::string(data.revision.in(lang))},
      {lang == Lang::kZhTw ? "目錄編號" : "Catalog ID", std::string(data.id)},
      {lang == Lang::kZhTw ? "格式" : "Format", format},
  };
  worksheet_set_column(sheet, 0, 0, 14, book.header());
  worksheet_set_column(sheet, 1, 1, 100, book.wrap());
  lxw_row_t row = 0;
  for (const auto& [label, value] : rows) {
    worksheet_write_string(sheet, row, 0, std::string(label).c_str(), book.header());
    worksheet_write_string(sheet, row, 1, value.c_str(), book.wrap());
    ++row;
  }
}

Status write_workbook(const Catalog& catalog, Lang lang, const std::filesystem::path& path) {
  Workbook book(path);
  if (!book.ok()) {
    return fail(ErrorKind::kIo, fmt::format("cannot create the workbook '{}'", path.string()));
  }
  write_about(book, catalog, lang);
  const std::vector<std::string> columns = catalog_columns(lang);
  const std::vector<CatalogRow> rows = catalog_rows(catalog, lang);
  for (const Chapter& chapter : catalog.chapters()) {
    lxw_worksheet* sheet = book.sheet(sheet_name(chapter, lang));
    for (std::size_t col = 0; col < columns.size(); ++col) {
      const auto column = static_cast<lxw_col_t>(col);
      worksheet_set_column(sheet, column, column, kWidths[col], book.wrap());
      worksheet_write_string(sheet, 0, column, columns[col].c_str(), book.header());
    }
    worksheet_freeze_panes(sheet, 1, 0);
    lxw_row_t next = 1;
    for (const CatalogRow& row : rows) {
      if (row.chapter != chapter.number) {
        continue;
      }
      for (std::size_t col = 0; col < row.cells.size(); ++col) {
        if (!row.cells[col].empty()) {
          worksheet_write_string(sheet, next, static_cast<lxw_col_t>(col), row.cells[col].c_str(),
                                 book.wrap());
        }
      }
      ++next;
    }
    worksheet_autofilter(sheet, 0, 0, next - 1, static_cast<lxw_col_t>(columns.size() - 1));
  }
  return book.close(path);
}

}  // namespace

Status write_catalog_xlsx(const Catalog& catalog, Lang lang, const std::filesystem::path& path) {
  static_assert(std::size(kWidths) == 20, "one width per column of catalog_columns()");
  return produce_file_atomically(path, [&](const std::filesystem::path& temporary) {
    return write_workbook(catalog, lang, temporary);
  });
}

}  // namespace etguard::catalog
