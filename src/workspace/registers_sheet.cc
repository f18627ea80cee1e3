#include "workspace/registers_sheet.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "core/atomic_file.h"
#include "core/text.h"
#include "tabular/csv.h"
#include "tabular/workbook.h"
#include "tabular/xlsx_reader.h"

namespace etguard::workspace {
namespace {

constexpr std::string_view kFact = "fact:";
constexpr std::string_view kDetail = "detail:";
constexpr std::string_view kDate = "date:";

// A YAML double-quoted scalar (a JSON string is one).
std::string yaml_quoted(const std::string& text) {
  // Invalid UTF-8 (a damaged or foreign-encoded cell) becomes U+FFFD instead
  // of stopping the import with an exception.
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string boolean(const std::string& cell) {
  std::string lower;
  for (char c : cell) {
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (lower == "true" || lower == "1" || lower == "yes" || lower == "y" || lower == "是") {
    return "true";
  }
  if (lower == "false" || lower == "0" || lower == "no" || lower == "n" || lower == "否") {
    return "false";
  }
  return cell;  // left for the YAML rules to reject, at this cell
}

std::vector<std::string_view> settable_facts(const catalog::Catalog& catalog,
                                             std::string_view subject) {
  std::vector<std::string_view> facts;
  for (const catalog::Fact& fact : catalog.data().facts) {
    if (fact.subject == subject && fact.any_of.empty()) {
      facts.push_back(fact.id.substr(subject.size() + 1));
    }
  }
  return facts;
}

// YAML text built line by line, remembering where each line came from.
class YamlBuilder {
 public:
  void line(const std::string& text, std::string origin) {
    text_ += text + "\n";
    origins_.push_back(std::move(origin));
  }
  const std::string& text() const { return text_; }
  std::string origin(int line) const {
    return line >= 1 && static_cast<std::size_t>(line) <= origins_.size()
               ? origins_[static_cast<std::size_t>(line - 1)]
               : std::string();
  }

 private:
  std::string text_;
  std::vector<std::string> origins_;
};

}  // namespace

Status write_registers_xlsx(const assess::Registers& registers, const catalog::Catalog& catalog,
                            const std::filesystem::path& path) {
  return produce_file_atomically(path, [&](const std::filesystem::path& temporary) -> Status {
    tabular::Workbook book(temporary);
    if (!book.ok()) {
      return fail(ErrorKind::kIo, fmt::format("cannot create the workbook '{}'", path.string()),
                  fmt::format("無法建立活頁簿 '{}'", path.string()));
    }
    std::vector<std::vector<std::string>> profile = {
        {"name", registers.profile.name},
        {"sector", std::string(assess::to_string(registers.profile.sector))}};
    for (std::string_view fact : settable_facts(catalog, "org")) {
      const std::string id = "org." + std::string(fact);
      auto found = registers.profile.facts.find(id);
      profile.push_back({"fact:" + id, found == registers.profile.facts.end() ? ""
                                       : found->second                        ? "true"
                                                                              : "false"});
    }
    constexpr std::array<double, 2> kProfileWidths = {32, 48};
    book.add_table("profile", {"field", "value"}, profile, kProfileWidths);
    for (const auto& subject : catalog.data().subjects) {
      if (subject.id == "org") {
        continue;
      }
      std::set<std::string> details;
      std::set<std::string> dates;
      for (const assess::RegisterEntry& entry : registers.entries) {
        if (entry.subject == subject.id) {
          for (const auto& [key, value] : entry.details) {
            details.insert(key);
          }
          for (const auto& [key, value] : entry.dates) {
            dates.insert(key);
          }
        }
      }
      std::vector<std::string> header = {"id", "name", "owner"};
      const auto facts = settable_facts(catalog, subject.id);
      for (std::string_view fact : facts) {
        header.push_back(std::string(kFact) + std::string(fact));
      }
      for (const std::string& key : details) {
        header.push_back(std::string(kDetail) + key);
      }
      for (const std::string& key : dates) {
        header.push_back(std::string(kDate) + key);
      }
      std::vector<std::vector<std::string>> rows;
      for (const assess::RegisterEntry& entry : registers.entries) {
        if (entry.subject != subject.id) {
          continue;
        }
        std::vector<std::string> row = {entry.id, entry.name, entry.owner};
        for (std::string_view fact : facts) {
          auto found = entry.facts.find(std::string(fact));
          row.emplace_back(found == entry.facts.end() ? "" : found->second ? "true" : "false");
        }
        for (const std::string& key : details) {
          auto found = entry.details.find(key);
          row.push_back(found == entry.details.end() ? "" : found->second);
        }
        for (const std::string& key : dates) {
          auto found = entry.dates.find(key);
          row.push_back(found == entry.dates.end() ? "" : found->second);
        }
        rows.push_back(std::move(row));
      }
      const std::vector<double> widths(header.size(), 16);
      book.add_table(std::string(subject.id), header, rows, widths);
    }
    return book.close(temporary);
  });
}

namespace {

// A register (or the profile) as rows of cells, each cell knowing where it
// came from ("file:sheet!row" or "file:line"), whatever the input format.
struct Row {
  std::vector<std::string> cells;
  std::vector<std::string> wheres;  // one per cell, or one for the whole row
  const std::string& where(std::size_t cell) const {
    return wheres.size() > cell ? wheres[cell] : wheres.front();
  }
};

struct Table {
  std::string name;  // "profile" or a register
  std::vector<std::string> header;
  std::vector<Row> rows;
  std::string where;      // of the header
  bool date1904 = false;  // serial dates count from 1904 (an XLSX setting)
};

// Builds the registers YAML from the tables, validates it with the YAML
// rules and points each problem back at the cell it came from.
assess::RegistersRead registers_from_tables(const std::vector<Table>& tables,
                                            const std::string& file,
                                            const catalog::Catalog& catalog) {
  YamlBuilder yaml;
  yaml.line("format: etguard.registers", file);
  yaml.line("format_version: \"1.0\"", file);
  for (const Table& table : tables) {
    if (table.name != "profile") {
      continue;
    }
    yaml.line("profile:", table.where);
    std::vector<std::pair<std::string, std::string>> facts;  // yaml line, origin
    for (const Row& row : table.rows) {
      const std::string field = row.cells.empty() ? "" : row.cells[0];
      const std::string value = row.cells.size() > 1 ? row.cells[1] : "";
      if (field.empty()) {
        continue;
      }
      if (field.starts_with(kFact)) {
        if (!value.empty()) {
          const std::string b = boolean(value);
          facts.emplace_back(fmt::format("    {}: {}", yaml_quoted(field.substr(kFact.size())),
                                         b == "true" || b == "false" ? b : yaml_quoted(value)),
                             row.where(1));
        }
        continue;
      }
      yaml.line(fmt::format("  {}: {}", yaml_quoted(field), yaml_quoted(value)), row.where(1));
    }
    yaml.line("  facts:", table.where);
    if (facts.empty()) {
      yaml.line("    {}", table.where);
    }
    for (const auto& [text, where] : facts) {
      yaml.line(text, where);
    }
  }
  yaml.line("registers:", file);
  for (const Table& table : tables) {
    if (table.name == "profile") {
      continue;
    }
    yaml.line(fmt::format("  {}:", yaml_quoted(table.name)), table.where);
    if (table.rows.empty()) {
      yaml.line("    []", table.where);
      continue;
    }
    for (const Row& row : table.rows) {
      std::map<std::string, std::vector<std::pair<std::string, std::string>>>
          groups;  // line text, origin
      bool first = true;
      for (std::size_t c = 0; c < table.header.size() && c < row.cells.size(); ++c) {
        const std::string& column = table.header[c];
        const std::string& cell = row.cells[c];
        if (column.empty() || (cell.empty() && column != "id" && column != "name")) {
          continue;
        }
        std::string key = column;
        std::string group;
        std::string value = yaml_quoted(cell);
        if (column.starts_with(kFact)) {
          group = "facts";
          key = column.substr(kFact.size());
          const std::string b = boolean(cell);
          value = b == "true" || b == "false" ? b : yaml_quoted(cell);
        } else if (column.starts_with(kDetail)) {
          group = "details";
          key = column.substr(kDetail.size());
        } else if (column.starts_with(kDate)) {
          group = "dates";
          key = column.substr(kDate.size());
          value = yaml_quoted(tabular::excel_date(cell, table.date1904));
        }
        if (!group.empty()) {
          groups[group].emplace_back(fmt::format("        {}: {}", yaml_quoted(key), value),
                                     row.where(c));
          continue;
        }
        yaml.line(fmt::format("    {} {}: {}", first ? "-" : " ", yaml_quoted(key), value),
                  row.where(c));
        first = false;
      }
      if (first) {
        yaml.line("    - {}", row.where(0));
      }
      for (const auto& [group, items] : groups) {
        yaml.line(fmt::format("      {}:", group), items.front().second);
        for (const auto& [text, where] : items) {
          yaml.line(text, where);
        }
      }
    }
  }
  assess::RegistersRead read = assess::read_registers_yaml_text(yaml.text(), file, catalog);
  for (Problem& problem : read.problems) {
    const std::string origin = yaml.origin(problem.where.line);
    problem.where = Location{origin.empty() ? file : origin, 0, 0};
  }
  return read;
}

}  // namespace

assess::RegistersRead read_registers_xlsx(const std::filesystem::path& path,
                                          const catalog::Catalog& catalog) {
  auto sheets = tabular::read_xlsx(path);
  if (!sheets) {
    assess::RegistersRead read;
    read.problems.push_back({{path.string(), 0, 0}, "bad-workbook", sheets.error().message});
    return read;
  }
  const std::string file = path.string();
  std::vector<Table> tables;
  for (const tabular::SheetData& sheet : *sheets) {
    if (sheet.rows.empty()) {
      continue;
    }
    Table table{
        sheet.name, sheet.rows[0], {}, fmt::format("{}:{}!1", file, sheet.name), sheet.date1904};
    for (std::size_t r = 1; r < sheet.rows.size(); ++r) {
      const bool blank =
          std::ranges::all_of(sheet.rows[r], [](const std::string& cell) { return cell.empty(); });
      if (!blank) {
        table.rows.push_back(
            Row{sheet.rows[r], {fmt::format("{}:{}!{}", file, sheet.name, r + 1)}});
      }
    }
    tables.push_back(std::move(table));
  }
  return registers_from_tables(tables, file, catalog);
}

std::string registers_csv(const assess::Registers& registers) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"profile", "", "", "", "name", registers.profile.name});
  rows.push_back(
      {"profile", "", "", "", "sector", std::string(assess::to_string(registers.profile.sector))});
  for (const auto& [fact, value] : registers.profile.facts) {
    rows.push_back({"profile", "", "", "", std::string(kFact) + fact, value ? "true" : "false"});
  }
  for (const assess::RegisterEntry& entry : registers.entries) {
    std::vector<std::pair<std::string, std::string>> fields;
    fields.reserve(entry.facts.size() + entry.details.size() + entry.dates.size() + 1);
    for (const auto& [key, value] : entry.facts) {
      fields.emplace_back(std::string(kFact) + key, value ? "true" : "false");
    }
    for (const auto& [key, value] : entry.details) {
      fields.emplace_back(std::string(kDetail) + key, value);
    }
    for (const auto& [key, value] : entry.dates) {
      fields.emplace_back(std::string(kDate) + key, value);
    }
    if (fields.empty()) {
      fields.emplace_back("", "");
    }
    for (const auto& [field, value] : fields) {
      rows.push_back({entry.subject, entry.id, entry.name, entry.owner, field, value});
    }
  }
  return tabular::csv_document({"register", "id", "name", "owner", "field", "value"}, rows);
}

assess::RegistersRead read_registers_csv(const std::filesystem::path& path,
                                         const catalog::Catalog& catalog) {
  assess::RegistersRead read;
  const std::string file = path.string();
  auto text = read_file(path);
  if (!text) {
    read.problems.push_back({{file, 0, 0}, "io", text.error().message});
    return read;
  }
  if (const auto bad = invalid_utf8_at(*text)) {
    const TextPosition position = text_position(*text, *bad);
    read.problems.push_back(
        {{file, position.line, position.column},
         "bad-encoding",
         "not UTF-8 here (Big5 or another legacy encoding?); in Excel save as \"CSV UTF-8 "
         "(comma delimited)\", or export the registers as XLSX"});
    return read;
  }
  auto records = tabular::parse_csv(*text, file);
  if (!records) {
    read.problems.push_back({{file, 0, 0}, "bad-csv", records.error().message});
    return read;
  }
  const std::vector<std::string> expected = {"register", "id", "name", "owner", "field", "value"};
  if (records->empty() || records->front().fields != expected) {
    read.problems.push_back(
        {{file, 1, 0}, "bad-header", "the header must be: register,id,name,owner,field,value"});
    return read;
  }
  std::vector<Table> tables;
  auto table_for = [&](const std::string& name, int line) -> Table& {
    auto found = std::ranges::find(tables, name, &Table::name);
    if (found != tables.end()) {
      return *found;
    }
    tables.push_back(Table{name,
                           name == "profile" ? std::vector<std::string>{"field", "value"}
                                             : std::vector<std::string>{"id", "name", "owner"},
                           {},
                           fmt::format("{}:{}", file, line)});
    return tables.back();
  };
  std::map<std::pair<std::string, std::string>, std::size_t> entry_rows;
  std::map<std::tuple<std::string, std::string, std::string>, int> given;  // -> line
  for (std::size_t i = 1; i < records->size(); ++i) {
    const tabular::CsvRecord& record = (*records)[i];
    const std::string where = fmt::format("{}:{}", file, record.line);
    if (record.fields.size() != expected.size()) {
      read.problems.push_back({{file, record.line, 0},
                               "bad-row",
                               fmt::format("expected 6 fields, found {}", record.fields.size())});
      continue;
    }
    const auto& f = record.fields;
    if (!f[4].empty()) {
      const auto [first, added] = given.try_emplace({f[0], f[1], f[4]}, record.line);
      if (!added) {
        read.problems.push_back(
            {{file, record.line, 0},
             "duplicate-field",
             fmt::format("'{}' of {} is already given at line {}", f[4],
                         f[0] == "profile" ? f[0] : f[0] + "/" + f[1], first->second)});
        continue;
      }
    }
    Table& table = table_for(f[0], record.line);
    if (f[0] == "profile") {
      table.rows.push_back(Row{{f[4], f[5]}, {where}});
      continue;
    }
    auto [slot, added] = entry_rows.try_emplace({f[0], f[1]}, table.rows.size());
    if (added) {
      table.rows.push_back(Row{{f[1], f[2], f[3]}, {where, where, where}});
    }
    Row& row = table.rows[slot->second];
    if (f[4].empty()) {
      continue;
    }
    auto column = std::ranges::find(table.header, f[4]);
    const auto index = static_cast<std::size_t>(column - table.header.begin());
    if (column == table.header.end()) {
      table.header.push_back(f[4]);
    }
    if (row.cells.size() <= index) {
      row.cells.resize(index + 1);
      row.wheres.resize(index + 1, where);
    }
    row.cells[index] = f[5];
    row.wheres[index] = where;
  }
  if (!read.problems.empty()) {
    return read;
  }
  return registers_from_tables(tables, file, catalog);
}

}  // namespace etguard::workspace
