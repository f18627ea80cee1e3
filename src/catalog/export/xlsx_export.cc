#include "catalog/export/xlsx_export.h"

#include <fmt/format.h>

#include "catalog/export/formats.h"
#include "catalog/export/table.h"
#include "core/atomic_file.h"
#include "core/text.h"
#include "tabular/workbook.h"

namespace etguard::catalog {
namespace {

using tabular::Workbook;

// Column widths in Excel character units, by column of catalog_columns().
constexpr double kWidths[] = {6,  6,  24, 12, 10, 8,  10, 10, 22, 16,
                              16, 18, 8,  60, 70, 40, 48, 14, 20, 40};

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
    return fail(ErrorKind::kIo, fmt::format("cannot create the workbook '{}'", path.string()),
                fmt::format("無法建立活頁簿 '{}'", path.string()));
  }
  write_about(book, catalog, lang);
  const std::vector<std::string> columns = catalog_columns(lang);
  const std::vector<CatalogRow> rows = catalog_rows(catalog, lang);
  for (const Chapter& chapter : catalog.chapters()) {
    std::vector<std::vector<std::string>> cells;
    for (const CatalogRow& row : rows) {
      if (row.chapter == chapter.number) {
        cells.push_back(row.cells);
      }
    }
    book.add_table(tabular::sheet_name(chapter_label(chapter.number, lang) + " " +
                                       std::string(chapter.title.in(lang))),
                   columns, cells, kWidths);
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
