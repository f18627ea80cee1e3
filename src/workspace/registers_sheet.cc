#include "workspace/registers_sheet.h"

#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/atomic_file.h"
#include "tabular/workbook.h"
#include "tabular/xlsx_reader.h"

namespace etguard::workspace {
namespace {

constexpr std::string_view kFact = "fact:";
constexpr std::string_view kDetail = "detail:";
constexpr std::string_view kDate = "date:";

// A YAML double-quoted scalar (a JSON string is one).
std::string yaml_quoted(const std::string& text) {
  return nlohmann::json(text).dump();
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
      return fail(ErrorKind::kIo, fmt::format("cannot create the workbook '{}'", path.string()));
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

assess::RegistersRead read_registers_xlsx(const std::filesystem::path& path,
                                          const catalog::Catalog& catalog) {
  assess::RegistersRead read;
  auto sheets = tabular::read_xlsx(path);
  if (!sheets) {
    read.problems.push_back({{path.string(), 0, 0}, "bad-workbook", sheets.error().message});
    return read;
  }
  const std::string file = path.string();
  YamlBuilder yaml;
  yaml.line("format: etguard.registers", file);
  yaml.line("format_version: \"1.0\"", file);
  for (const tabular::SheetData& sheet : *sheets) {
    if (sheet.name != "profile") {
      continue;
    }
    yaml.line("profile:", fmt::format("{}:profile", file));
    std::vector<std::pair<std::string, std::string>> facts;
    for (std::size_t r = 1; r < sheet.rows.size(); ++r) {
      const auto& row = sheet.rows[r];
      const std::string field = row.empty() ? "" : row[0];
      const std::string value = row.size() > 1 ? row[1] : "";
      const std::string where = fmt::format("{}:profile!{}", file, r + 1);
      if (field.empty()) {
        continue;
      }
      if (field.starts_with(kFact)) {
        if (!value.empty()) {
          facts.emplace_back(field.substr(kFact.size()), boolean(value));
          facts.back().first += "\t" + where;
        }
        continue;
      }
      yaml.line(fmt::format("  {}: {}", yaml_quoted(field), yaml_quoted(value)), where);
    }
    yaml.line("  facts:", fmt::format("{}:profile", file));
    if (facts.empty()) {
      yaml.line("    {}", fmt::format("{}:profile", file));
    }
    for (const auto& [key_where, value] : facts) {
      const std::size_t tab = key_where.find('\t');
      yaml.line(fmt::format("    {}: {}", yaml_quoted(key_where.substr(0, tab)),
                            value == "true" || value == "false" ? value : yaml_quoted(value)),
                key_where.substr(tab + 1));
    }
  }
  yaml.line("registers:", file);
  for (const tabular::SheetData& sheet : *sheets) {
    if (sheet.name == "profile" || sheet.rows.empty()) {
      continue;
    }
    std::vector<std::vector<std::string>> entries;
    for (std::size_t r = 1; r < sheet.rows.size(); ++r) {
      bool blank = true;
      for (const std::string& cell : sheet.rows[r]) {
        blank = blank && cell.empty();
      }
      if (!blank) {
        entries.push_back(sheet.rows[r]);
        entries.back().push_back(std::to_string(r + 1));  // remember the row number
      }
    }
    const std::string sheet_where = fmt::format("{}:{}!1", file, sheet.name);
    yaml.line(fmt::format("  {}:", yaml_quoted(sheet.name)), sheet_where);
    if (entries.empty()) {
      yaml.line("    []", sheet_where);
      continue;
    }
    const std::vector<std::string>& header = sheet.rows[0];
    for (const auto& row : entries) {
      const std::string where = fmt::format("{}:{}!{}", file, sheet.name, row.back());
      std::map<std::string, std::vector<std::pair<std::string, std::string>>> groups;
      bool first = true;
      for (std::size_t c = 0; c < header.size() && c + 1 < row.size(); ++c) {
        const std::string& column = header[c];
        const std::string& cell = row[c];
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
          value = yaml_quoted(tabular::excel_date(cell));
        }
        if (!group.empty()) {
          groups[group].emplace_back(yaml_quoted(key), value);
          continue;
        }
        yaml.line(fmt::format("    {} {}: {}", first ? "-" : " ", yaml_quoted(key), value), where);
        first = false;
      }
      if (first) {
        yaml.line("    - {}", where);
      }
      for (const auto& [group, items] : groups) {
        yaml.line(fmt::format("      {}:", group), where);
        for (const auto& [key, value] : items) {
          yaml.line(fmt::format("        {}: {}", key, value), where);
        }
      }
    }
  }
  const auto scratch =
      std::filesystem::temp_directory_path() / fmt::format("etguard-registers-{}.yaml", ::getpid());
  if (Status written = write_file_atomically(scratch, yaml.text()); !written) {
    read.problems.push_back({{file, 0, 0}, "io", written.error().message});
    return read;
  }
  read = assess::read_registers_yaml(scratch, catalog);
  std::filesystem::remove(scratch);
  for (Problem& problem : read.problems) {
    // Point at the sheet and row the YAML line came from.
    const std::string origin = yaml.origin(problem.where.line);
    problem.where = Location{origin.empty() ? file : origin, 0, 0};
  }
  return read;
}

}  // namespace etguard::workspace
