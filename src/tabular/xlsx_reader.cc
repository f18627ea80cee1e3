#include "tabular/xlsx_reader.h"

#include <fmt/format.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <set>

#include "core/atomic_file.h"
#include "core/text.h"

namespace etguard::tabular {
namespace {

constexpr int kMaxRows = 1048576;
constexpr int kMaxColumns = 16384;

struct ZipClose {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};

struct CellReference {
  int row = 0;     // 1-based; 0 when the reference names no row
  int column = 0;  // 0-based
};

// "C12" -> row 12, column 2; nullopt when malformed or outside a sheet.
std::optional<CellReference> parse_reference(std::string_view text) {
  CellReference reference;
  std::size_t i = 0;
  int column = 0;
  for (; i < text.size() && text[i] >= 'A' && text[i] <= 'Z' && column <= kMaxColumns; ++i) {
    column = column * 26 + (text[i] - 'A' + 1);
  }
  if (i == 0 || column > kMaxColumns) {
    return std::nullopt;
  }
  reference.column = column - 1;
  if (i < text.size()) {
    const auto [end, error] =
        std::from_chars(text.data() + i, text.data() + text.size(), reference.row);
    if (error != std::errc{} || end != text.data() + text.size() || reference.row < 1 ||
        reference.row > kMaxRows) {
      return std::nullopt;
    }
  }
  return reference;
}

// Text of an <si> or <is>: its <t>, or the concatenated <r><t> runs.
std::string rich_text(const pugi::xml_node& node) {
  std::string text = node.child("t").text().get();
  for (const pugi::xml_node& run : node.children("r")) {
    text += run.child("t").text().get();
  }
  return text;
}

std::string resolve_target(const std::string& target) {
  if (target.starts_with("/")) {
    return target.substr(1);
  }
  return "xl/" + target;
}

// One workbook being read: its parts, inflated and parsed within the budgets.
class Package {
 public:
  Package(const std::filesystem::path& path, const XlsxLimits& limits)
      : path_(path), limits_(limits) {}

  Status open() {
    // Checked on the descriptor libzip then reads: only a regular file.
    auto file = open_regular_file(path_);
    if (!file) {
      return std::unexpected(file.error());
    }
    int error = 0;
    archive_.reset(zip_fdopen(file->fd, 0, &error));
    if (!archive_) {
      ::close(file->fd);  // libzip owns the descriptor only once it opened
      return fail(
          ErrorKind::kInput,
          fmt::format("{}: not an XLSX workbook (cannot open it as a zip package)", path_.string()),
          fmt::format("{}：不是 XLSX 活頁簿", path_.string()));
    }
    return {};
  }

  Error bad(const std::string& what) const {
    return Error{ErrorKind::kInput, fmt::format("{}: {}", path_.string(), what),
                 fmt::format("{}：{}", path_.string(), what)};
  }

  // The XML of one part: nullopt when absent; an error when it would exceed
  // the budget, cannot be inflated or is not well-formed.
  Result<std::optional<pugi::xml_document>> xml(const std::string& name) {
    zip_stat_t info;
    zip_stat_init(&info);
    if (zip_stat(archive_.get(), name.c_str(), 0, &info) != 0 ||
        (info.valid & ZIP_STAT_SIZE) == 0) {
      return std::optional<pugi::xml_document>();
    }
    if (info.size > limits_.inflated_bytes - inflated_) {
      return std::unexpected(bad(fmt::format(
          "the parts inflate to more than {} MiB ({} is {} bytes); the workbook is refused",
          limits_.inflated_bytes >> 20U, name, info.size)));
    }
    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(
        zip_fopen(archive_.get(), name.c_str(), 0), &zip_fclose);
    std::string data(info.size, '\0');
    if (!file ||
        zip_fread(file.get(), data.data(), info.size) != static_cast<zip_int64_t>(info.size)) {
      return std::unexpected(bad(fmt::format("{} cannot be inflated (damaged package)", name)));
    }
    inflated_ += info.size;
    elements_ += static_cast<std::size_t>(std::ranges::count(data, '<'));
    if (elements_ > limits_.elements) {
      return std::unexpected(bad(fmt::format(
          "the parts hold more than {} XML elements ({} reaches it); the workbook is refused",
          limits_.elements, name)));
    }
    std::optional<pugi::xml_document> document(std::in_place);
    if (!document->load_buffer(data.data(), data.size())) {
      return std::unexpected(bad(fmt::format("{} is not well-formed XML", name)));
    }
    return document;
  }

  // The XML of a part that must be there; `missing` says what its absence means.
  Result<pugi::xml_document> required_xml(const std::string& name, const std::string& missing) {
    auto document = xml(name);
    if (!document) {
      return std::unexpected(document.error());
    }
    std::optional<pugi::xml_document>& found = *document;
    if (!found) {
      return std::unexpected(bad(missing));
    }
    return std::move(*found);
  }

  // A sheet's part may back one sheet only.
  bool claim(const std::string& part) { return claimed_.insert(part).second; }

  // Widens `row` to hold `column`, within the cell budget.
  Status widen(std::vector<std::string>& row, std::size_t columns, const std::string& where) {
    if (row.size() >= columns) {
      return {};
    }
    cells_ += columns - row.size();
    if (cells_ > limits_.cells) {
      return std::unexpected(
          bad(fmt::format("{}: the sheets would hold more than {} cells; the workbook is refused",
                          where, limits_.cells)));
    }
    row.resize(columns);
    return {};
  }

 private:
  std::filesystem::path path_;
  XlsxLimits limits_;
  std::unique_ptr<zip_t, ZipClose> archive_;
  std::size_t inflated_ = 0;
  std::size_t cells_ = 0;
  std::size_t elements_ = 0;
  std::set<std::string> claimed_;
};

// The value of one <c>; an error when it is a formula Excel never computed.
Result<std::string> cell_value(const pugi::xml_node& cell, const std::vector<std::string>& shared,
                               const std::string& where, const Package& package) {
  const std::string type = cell.attribute("t").value();
  if (type == "inlineStr") {
    return rich_text(cell.child("is"));
  }
  const pugi::xml_node value = cell.child("v");
  if (!value && cell.child("f")) {
    return std::unexpected(package.bad(fmt::format(
        "{}: a formula without a saved value; open the workbook in Excel, let it calculate and "
        "save it again",
        where)));
  }
  if (type != "s") {
    return std::string(value.text().get());
  }
  const std::string_view text = value.text().get();
  std::size_t index = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), index);
  if (error != std::errc{} || end != text.data() + text.size() || index >= shared.size()) {
    return std::unexpected(
        package.bad(fmt::format("{}: shared string '{}' does not exist", where, text)));
  }
  return shared[index];
}

// The rows of one worksheet part.
Status read_cells(const pugi::xml_node& worksheet, const std::vector<std::string>& shared,
                  Package& package, SheetData& data) {
  int row_number = 0;
  for (const pugi::xml_node& row : worksheet.child("sheetData").children("row")) {
    const int number = row.attribute("r").as_int(row_number + 1);
    if (number <= row_number || number > kMaxRows) {
      return std::unexpected(package.bad(fmt::format(
          "sheet '{}': row number {} is out of order or out of range", data.name, number)));
    }
    row_number = number;
    data.rows.resize(static_cast<std::size_t>(number));
    auto& cells = data.rows.back();
    int column = -1;
    for (const pugi::xml_node& cell : row.children("c")) {
      const char* reference_text = cell.attribute("r").value();
      if (*reference_text == '\0') {
        ++column;  // without `r`, a cell follows the one before it
      } else {
        const auto reference = parse_reference(reference_text);
        if (!reference || (reference->row != 0 && reference->row != number)) {
          return std::unexpected(package.bad(fmt::format(
              "sheet '{}', row {}: bad cell reference '{}'", data.name, number, reference_text)));
        }
        column = reference->column;
      }
      if (column >= kMaxColumns) {
        return std::unexpected(package.bad(fmt::format("sheet '{}', row {}: more than {} columns",
                                                       data.name, number, kMaxColumns)));
      }
      const std::string where =
          fmt::format("sheet '{}', row {}, column {}", data.name, number, column + 1);
      auto value = cell_value(cell, shared, where, package);
      if (!value) {
        return std::unexpected(value.error());
      }
      if (invalid_utf8_at(*value)) {
        return std::unexpected(package.bad(fmt::format(
            "{}: bad-encoding: the cell's text is not UTF-8 (the workbook is damaged)", where)));
      }
      if (value->empty()) {
        continue;
      }
      if (auto widened = package.widen(cells, static_cast<std::size_t>(column) + 1, where);
          !widened) {
        return widened;
      }
      cells[static_cast<std::size_t>(column)] = std::move(*value);
    }
  }
  return {};
}

// Each merged range shows its top-left value in every cell it covers.
Status spread_merged_cells(const pugi::xml_node& worksheet, Package& package, SheetData& data) {
  for (const pugi::xml_node& merge : worksheet.child("mergeCells").children("mergeCell")) {
    const std::string_view range = merge.attribute("ref").value();
    const std::size_t colon = range.find(':');
    const auto first = parse_reference(range.substr(0, colon));
    const auto last =
        colon == std::string_view::npos ? first : parse_reference(range.substr(colon + 1));
    if (!first || !last || first->row == 0 || last->row < first->row ||
        last->column < first->column) {
      return std::unexpected(
          package.bad(fmt::format("sheet '{}': bad merged range '{}'", data.name, range)));
    }
    const auto top = static_cast<std::size_t>(first->row - 1);
    const auto left = static_cast<std::size_t>(first->column);
    if (top >= data.rows.size() || left >= data.rows[top].size() || data.rows[top][left].empty()) {
      continue;
    }
    const std::string value = data.rows[top][left];
    const std::string where = fmt::format("sheet '{}', merged range {}", data.name, range);
    data.rows.resize(std::max(data.rows.size(), static_cast<std::size_t>(last->row)));
    for (auto r = top; r < static_cast<std::size_t>(last->row); ++r) {
      if (auto widened =
              package.widen(data.rows[r], static_cast<std::size_t>(last->column) + 1, where);
          !widened) {
        return widened;
      }
      for (auto c = left; c <= static_cast<std::size_t>(last->column); ++c) {
        data.rows[r][c] = value;
      }
    }
  }
  return {};
}

}  // namespace

Result<std::vector<SheetData>> read_xlsx(const std::filesystem::path& path,
                                         const XlsxLimits& limits) {
  Package package(path, limits);
  if (auto opened = package.open(); !opened) {
    return std::unexpected(opened.error());
  }
  const std::string not_a_workbook = "not an XLSX workbook (xl/workbook.xml missing)";
  auto workbook = package.required_xml("xl/workbook.xml", not_a_workbook);
  if (!workbook) {
    return std::unexpected(workbook.error());
  }
  auto relations = package.required_xml("xl/_rels/workbook.xml.rels", not_a_workbook);
  if (!relations) {
    return std::unexpected(relations.error());
  }
  std::map<std::string, std::string> targets;
  for (const pugi::xml_node& relation :
       relations->child("Relationships").children("Relationship")) {
    targets[relation.attribute("Id").value()] = relation.attribute("Target").value();
  }
  std::vector<std::string> shared;
  auto strings = package.xml("xl/sharedStrings.xml");
  if (!strings) {
    return std::unexpected(strings.error());
  }
  if (const std::optional<pugi::xml_document>& found = *strings; found) {
    for (const pugi::xml_node& item : found->child("sst").children("si")) {
      shared.push_back(rich_text(item));
    }
  }
  const pugi::xml_node book = workbook->child("workbook");
  const bool date1904 = book.child("workbookPr").attribute("date1904").as_bool();
  std::vector<SheetData> sheets;
  for (const pugi::xml_node& sheet : book.child("sheets").children("sheet")) {
    SheetData data;
    data.name = sheet.attribute("name").value();
    data.date1904 = date1904;
    const std::string part = resolve_target(targets[sheet.attribute("r:id").value()]);
    if (!package.claim(part)) {
      return std::unexpected(package.bad(fmt::format(
          "sheet '{}' points at {}, which an earlier sheet already uses", data.name, part)));
    }
    auto document =
        package.required_xml(part, fmt::format("sheet '{}' ({}) is missing", data.name, part));
    if (!document) {
      return std::unexpected(document.error());
    }
    const pugi::xml_node worksheet = document->child("worksheet");
    if (auto read = read_cells(worksheet, shared, package, data); !read) {
      return std::unexpected(read.error());
    }
    if (auto spread = spread_merged_cells(worksheet, package, data); !spread) {
      return std::unexpected(spread.error());
    }
    sheets.push_back(std::move(data));
  }
  return sheets;
}

std::string excel_date(const std::string& cell, bool date1904) {
  double serial = 0;
  const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), serial);
  if (error != std::errc{} || end != cell.data() + cell.size() || serial < (date1904 ? 0 : 1) ||
      serial > 2958465) {
    return cell;
  }
  namespace chrono = std::chrono;
  const auto days = static_cast<int>(serial);
  chrono::sys_days day;
  if (date1904) {
    day = chrono::sys_days(chrono::year{1904} / chrono::January / 1) + chrono::days(days);
  } else if (days < 60) {  // 1 is 1900-01-01
    day = chrono::sys_days(chrono::year{1899} / chrono::December / 31) + chrono::days(days);
  } else if (days == 60) {  // Excel's 1900-02-29, kept from Lotus 1-2-3
    return cell;
  } else {
    day = chrono::sys_days(chrono::year{1899} / chrono::December / 30) + chrono::days(days);
  }
  const chrono::year_month_day date(day);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

}  // namespace etguard::tabular
