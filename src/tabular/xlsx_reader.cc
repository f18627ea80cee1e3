#include "tabular/xlsx_reader.h"

#include <fmt/format.h>
#include <zip.h>

#include <charconv>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>

namespace etguard::tabular {
namespace {

struct ZipClose {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};

// The bytes of one part of the package; nullopt when absent.
std::optional<std::string> read_part(zip_t* archive, const std::string& name) {
  zip_stat_t info;
  zip_stat_init(&info);
  if (zip_stat(archive, name.c_str(), 0, &info) != 0 || (info.valid & ZIP_STAT_SIZE) == 0 ||
      info.size > std::uint64_t{512} * 1024 * 1024) {
    return std::nullopt;
  }
  std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen(archive, name.c_str(), 0),
                                                          &zip_fclose);
  if (!file) {
    return std::nullopt;
  }
  std::string data(info.size, '\0');
  if (zip_fread(file.get(), data.data(), info.size) != static_cast<zip_int64_t>(info.size)) {
    return std::nullopt;
  }
  return data;
}

// Text of an <si> or <is>: its <t>, or the concatenated <r><t> runs.
std::string rich_text(const pugi::xml_node& node) {
  std::string text = node.child("t").text().get();
  for (const pugi::xml_node& run : node.children("r")) {
    text += run.child("t").text().get();
  }
  return text;
}

// "C12" -> column 2 (0-based); -1 when malformed.
int column_of(std::string_view reference) {
  int column = 0;
  std::size_t i = 0;
  for (; i < reference.size() && reference[i] >= 'A' && reference[i] <= 'Z'; ++i) {
    column = column * 26 + (reference[i] - 'A' + 1);
  }
  return i == 0 || column > 16384 ? -1 : column - 1;
}

std::string resolve_target(const std::string& target) {
  if (target.starts_with("/")) {
    return target.substr(1);
  }
  return "xl/" + target;
}

}  // namespace

Result<std::vector<SheetData>> read_xlsx(const std::filesystem::path& path) {
  int error = 0;
  std::unique_ptr<zip_t, ZipClose> archive(zip_open(path.c_str(), ZIP_RDONLY, &error));
  if (!archive) {
    return fail(
        ErrorKind::kInput,
        fmt::format("{}: not an XLSX workbook (cannot open it as a zip package)", path.string()),
        fmt::format("{}：不是 XLSX 活頁簿", path.string()));
  }
  auto bad = [&](const std::string& what) {
    return fail(ErrorKind::kInput, fmt::format("{}: {}", path.string(), what),
                fmt::format("{}：{}", path.string(), what));
  };
  const auto workbook_xml = read_part(archive.get(), "xl/workbook.xml");
  const auto relations_xml = read_part(archive.get(), "xl/_rels/workbook.xml.rels");
  if (!workbook_xml || !relations_xml) {
    return bad("not an XLSX workbook (xl/workbook.xml missing)");
  }
  pugi::xml_document workbook;
  pugi::xml_document relations;
  if (!workbook.load_buffer(workbook_xml->data(), workbook_xml->size()) ||
      !relations.load_buffer(relations_xml->data(), relations_xml->size())) {
    return bad("xl/workbook.xml is not well-formed XML");
  }
  std::map<std::string, std::string> targets;
  for (const pugi::xml_node& relation : relations.child("Relationships").children("Relationship")) {
    targets[relation.attribute("Id").value()] = relation.attribute("Target").value();
  }
  std::vector<std::string> shared;
  if (const auto strings_xml = read_part(archive.get(), "xl/sharedStrings.xml")) {
    pugi::xml_document strings;
    if (!strings.load_buffer(strings_xml->data(), strings_xml->size())) {
      return bad("xl/sharedStrings.xml is not well-formed XML");
    }
    for (const pugi::xml_node& item : strings.child("sst").children("si")) {
      shared.push_back(rich_text(item));
    }
  }
  std::vector<SheetData> sheets;
  for (const pugi::xml_node& sheet : workbook.child("workbook").child("sheets").children("sheet")) {
    SheetData data;
    data.name = sheet.attribute("name").value();
    const std::string part = resolve_target(targets[sheet.attribute("r:id").value()]);
    const auto sheet_xml = read_part(archive.get(), part);
    pugi::xml_document document;
    if (!sheet_xml || !document.load_buffer(sheet_xml->data(), sheet_xml->size())) {
      return bad(fmt::format("sheet '{}' ({}) is missing or not well-formed", data.name, part));
    }
    for (const pugi::xml_node& row :
         document.child("worksheet").child("sheetData").children("row")) {
      const long number = row.attribute("r").as_int(static_cast<int>(data.rows.size()) + 1);
      if (number < 1 || number > 1048576) {
        return bad(fmt::format("sheet '{}': row number {} is out of range", data.name, number));
      }
      if (data.rows.size() < static_cast<std::size_t>(number)) {
        data.rows.resize(static_cast<std::size_t>(number));
      }
      auto& cells = data.rows[static_cast<std::size_t>(number - 1)];
      for (const pugi::xml_node& cell : row.children("c")) {
        const int column = column_of(cell.attribute("r").value());
        if (column < 0) {
          return bad(fmt::format("sheet '{}', row {}: bad cell reference '{}'", data.name, number,
                                 cell.attribute("r").value()));
        }
        const std::string type = cell.attribute("t").value();
        std::string value;
        if (type == "s") {
          const auto index =
              static_cast<std::size_t>(cell.child("v").text().as_ullong(shared.size()));
          if (index >= shared.size()) {
            return bad(fmt::format("sheet '{}', cell {}: shared string {} does not exist",
                                   data.name, cell.attribute("r").value(), index));
          }
          value = shared[index];
        } else if (type == "inlineStr") {
          value = rich_text(cell.child("is"));
        } else {
          value = cell.child("v").text().get();
        }
        if (cells.size() <= static_cast<std::size_t>(column)) {
          cells.resize(static_cast<std::size_t>(column) + 1);
        }
        cells[static_cast<std::size_t>(column)] = std::move(value);
      }
    }
    sheets.push_back(std::move(data));
  }
  return sheets;
}

std::string excel_date(const std::string& cell) {
  double serial = 0;
  const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), serial);
  if (error != std::errc{} || end != cell.data() + cell.size() || serial < 1 || serial > 2958465) {
    return cell;
  }
  namespace chrono = std::chrono;
  const chrono::sys_days day = chrono::sys_days(chrono::year{1899} / chrono::December / 30) +
                               chrono::days(static_cast<int>(serial));
  const chrono::year_month_day date(day);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

}  // namespace etguard::tabular
