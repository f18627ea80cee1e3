#include "workspace/answers.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <map>
#include <optional>
#include <set>

#include "core/atomic_file.h"
#include "core/text.h"
#include "core/yaml_file.h"
#include "tabular/workbook.h"
#include "tabular/xlsx_reader.h"

namespace etguard::workspace {
namespace {

std::vector<std::string> row_for(const AnswerSheet& sheet, const assess::ResultIndex& results,
                                 const assess::StatusLine& line) {
  const assess::Result* result = results.find(line.node->id, line.object);
  return {std::string(line.node->id),
          line.object,
          std::string(line.node->text.in(sheet.lang)),
          result != nullptr ? std::string(assess::to_string(result->status)) : "",
          result != nullptr ? result->owner : line.owner,
          result != nullptr ? result->assessed_on : "",
          result != nullptr ? result->due_date : "",
          result != nullptr ? result->note : "",
          result != nullptr ? result->justification : "",
          result != nullptr ? result->plan.action : "",
          result != nullptr ? result->plan.owner : "",
          result != nullptr ? result->plan.due_on : "",
          result != nullptr && !result->plan.empty()
              ? std::string(assess::to_string(result->plan.status))
              : ""};
}

bool is_date(const std::string& text) {
  return text.empty() || (text.size() == 10 && !assess::add_days(text, 0).empty());
}

// Builds a result from named fields; problems are appended with `where`.
std::optional<AnswerRow> make_row(const std::map<std::string, std::string>& fields,
                                  const std::string& where, YamlProblems& problems,
                                  bool date1904 = false) {
  auto field = [&](const char* name) {
    auto found = fields.find(name);
    return found == fields.end() ? std::string() : found->second;
  };
  const std::string status_text = field("status");
  if (status_text.empty()) {
    return std::nullopt;  // not answered
  }
  AnswerRow row;
  row.where = where;
  row.result.node_id = field("requirement");
  row.result.object = field("object").empty() ? "org" : field("object");
  row.result.owner = field("owner");
  row.result.assessed_on = tabular::excel_date(field("assessed_on"), date1904);
  row.result.due_date = tabular::excel_date(field("due"), date1904);
  row.result.note = field("note");
  row.result.justification = field("justification");
  row.plan_given = fields.contains("plan");
  row.result.plan.action = field("plan");
  row.result.plan.owner = field("plan_owner");
  row.result.plan.due_on = tabular::excel_date(field("plan_due"), date1904);
  const auto status = assess::parse_status_word(status_text);
  const std::size_t before = problems.size();
  for (const auto& [name, value] : fields) {
    if (invalid_utf8_at(value)) {
      problems.add_located(fmt::format("{}: {} is not valid UTF-8", where, name),
                           fmt::format("{}：{} 不是有效的 UTF-8", where, name));
    }
  }
  if (row.result.node_id.empty()) {
    problems.add_located(fmt::format("{}: 'requirement' is empty", where),
                         fmt::format("{}：'requirement'（要求編號）是空的", where));
  }
  if (!status) {
    problems.add_located(
        fmt::format("{}: unknown status '{}' (compliant, partially_compliant, non_compliant, "
                    "not_applicable, compensating_control, not_assessed, or 符合, 部分符合, "
                    "不符合, 不適用, 補償性措施, 未評估)",
                    where, status_text),
        fmt::format("{}：未知的狀態 '{}'（符合、部分符合、不符合、不適用、補償性措施、未評估，"
                    "或 compliant、partially_compliant、non_compliant、not_applicable、"
                    "compensating_control、not_assessed）",
                    where, status_text));
  } else {
    row.result.status = *status;
  }
  if (const std::string plan_status = field("plan_status"); !plan_status.empty()) {
    if (const auto parsed = assess::parse_plan_status(plan_status)) {
      row.result.plan.status = *parsed;
    } else {
      problems.add_located(
          fmt::format(
              "{}: unknown plan_status '{}' (open, in_progress, done, or 未開始, 進行中, 已完成)",
              where, plan_status),
          fmt::format(
              "{}：未知的計畫狀態 '{}'（未開始、進行中、已完成，或 open、in_progress、done）",
              where, plan_status));
    }
  }
  for (const auto& [name, value] :
       {std::pair{"assessed_on", row.result.assessed_on}, std::pair{"due", row.result.due_date},
        std::pair{"plan_due", row.result.plan.due_on}}) {
    if (!is_date(value)) {
      problems.add_located(
          fmt::format("{}: {} '{}' is not a date (YYYY-MM-DD)", where, name, value),
          fmt::format("{}：{} '{}' 不是日期（YYYY-MM-DD）", where, name, value));
    }
  }
  if (problems.size() != before) {
    return std::nullopt;
  }
  return row;
}

Result<std::vector<AnswerRow>> read_yaml(const std::filesystem::path& path) {
  auto loaded = load_yaml_file(path.string(), "the answers file", "回覆檔");
  if (!loaded) {
    return std::unexpected(loaded.error());
  }
  const YamlNode& root = *loaded;
  YamlProblems located(path.string());
  if (!root.is_map() || !root["answers"] || !root["answers"].is_sequence()) {
    located.add(root.mark(), "not-answers", "expected a mapping with an 'answers' list",
                "應為含 'answers' 清單的對應表");
    return std::unexpected(located.error());
  }
  if (const YamlNode format = root["format"];
      !format || !format.is_scalar() || format.scalar() != kAnswersFormat) {
    located.add(
        format ? format.mark() : root.mark(), format ? "bad-value" : "missing-key",
        fmt::format("format must be '{}' (as 'etguard answers export' writes it)", kAnswersFormat),
        fmt::format("format 須為 '{}'（與 etguard answers export 輸出相同）", kAnswersFormat));
    return std::unexpected(located.error());
  }
  std::vector<AnswerRow> rows;
  for (const YamlNode& item : root["answers"].items()) {
    const std::string where = fmt::format("{}:{}", path.string(), item.mark().line + 1);
    if (!item.is_map()) {
      located.add(item.mark(), "not-a-mapping", "an answer must be a mapping",
                  "每筆回覆須為對應表");
      continue;
    }
    std::map<std::string, std::string> fields;
    for (const auto& entry : item.entries()) {
      const std::string key(entry.key.scalar());
      if (std::ranges::find(kAnswerFields, key) == std::end(kAnswerFields)) {
        located.add(entry.key.mark(), "unknown-key", fmt::format("unknown field '{}'", key),
                    fmt::format("未知的欄位 '{}'", key));
      } else if (!entry.value.is_scalar() && !entry.value.is_null()) {
        located.add(entry.value.mark(), "bad-type", fmt::format("'{}' must be a single value", key),
                    fmt::format("'{}' 須為單一值", key));
      } else {
        fields[key] = entry.value.scalar();  // empty for a null value
      }
    }
    if (auto row = make_row(fields, where, located)) {
      rows.push_back(std::move(*row));
    }
  }
  if (!located.empty()) {
    return std::unexpected(located.error());
  }
  return rows;
}

Result<std::vector<AnswerRow>> read_sheet(const std::filesystem::path& path) {
  auto sheets = tabular::read_xlsx(path);
  if (!sheets) {
    return std::unexpected(sheets.error());
  }
  if (sheets->empty() || (*sheets)[0].rows.empty()) {
    return fail(ErrorKind::kInput, fmt::format("{}: the first sheet is empty", path.string()),
                fmt::format("{}：第一個工作表是空的", path.string()));
  }
  const tabular::SheetData& sheet = (*sheets)[0];
  const std::vector<std::string>& header = sheet.rows[0];
  std::set<std::string_view> columns;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string& name = header[c];
    if (name.empty()) {
      continue;
    }
    if (std::ranges::find(kAnswerFields, name) == std::end(kAnswerFields)) {
      return fail(ErrorKind::kInput,
                  fmt::format("{}:{}!1: unknown column '{}'", path.string(), sheet.name, name),
                  fmt::format("{}:{}!1：未知的欄位 '{}'", path.string(), sheet.name, name));
    }
    if (!columns.insert(name).second) {
      return fail(ErrorKind::kInput,
                  fmt::format("{}:{}!1: duplicate-column: '{}' is given twice (column {})",
                              path.string(), sheet.name, name, c + 1),
                  fmt::format("{}:{}!1：duplicate-column：'{}' 出現兩次（第 {} 欄）", path.string(),
                              sheet.name, name, c + 1));
    }
  }
  std::vector<AnswerRow> rows;
  YamlProblems problems(path.string());
  for (std::size_t r = 1; r < sheet.rows.size(); ++r) {
    std::map<std::string, std::string> fields;
    for (std::size_t c = 0; c < header.size() && c < sheet.rows[r].size(); ++c) {
      fields[header[c]] = sheet.rows[r][c];
    }
    if (auto row = make_row(fields, fmt::format("{}:{}!{}", path.string(), sheet.name, r + 1),
                            problems, sheet.date1904)) {
      rows.push_back(std::move(*row));
    }
  }
  if (!problems.empty()) {
    return std::unexpected(problems.error());
  }
  return rows;
}

}  // namespace

std::string answers_yaml(const AnswerSheet& sheet) {
  YAML::Emitter out;
  out << YAML::Comment(
      sheet.lang == Lang::kZhTw
          ? "填寫 status（compliant, partially_compliant, non_compliant, not_applicable, "
            "compensating_control）後以 etguard answers import 匯入；text 僅供參考"
          : "Fill in status (compliant, partially_compliant, non_compliant, not_applicable, "
            "compensating_control) and import with 'etguard answers import'; text is for "
            "reference");
  out << YAML::BeginMap << YAML::Key << "format" << YAML::Value << kAnswersFormat << YAML::Key
      << "format_version" << YAML::Value << YAML::DoubleQuoted << kAnswersFormatVersion << YAML::Key
      << "answers" << YAML::Value << YAML::BeginSeq;
  const assess::ResultIndex results(*sheet.results);
  for (const assess::StatusLine& line : *sheet.lines) {
    const auto row = row_for(sheet, results, line);
    out << YAML::BeginMap;
    for (std::size_t i = 0; i < row.size(); ++i) {
      out << YAML::Key << std::string(kAnswerFields[i]) << YAML::Value << row[i];
    }
    out << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

Status write_answers_xlsx(const AnswerSheet& sheet, const std::filesystem::path& path) {
  return produce_file_atomically(path, [&](const std::filesystem::path& temporary) -> Status {
    tabular::Workbook book(temporary);
    if (!book.ok()) {
      return fail(ErrorKind::kIo, fmt::format("cannot create the workbook '{}'", path.string()),
                  fmt::format("無法建立活頁簿 '{}'", path.string()));
    }
    std::vector<std::string> header(std::begin(kAnswerFields), std::end(kAnswerFields));
    std::vector<std::vector<std::string>> rows;
    rows.reserve(sheet.lines->size());
    const assess::ResultIndex results(*sheet.results);
    for (const assess::StatusLine& line : *sheet.lines) {
      rows.push_back(row_for(sheet, results, line));
    }
    constexpr std::array<double, 13> kWidths = {11, 24, 60, 20, 16, 12, 12, 40, 40, 40, 16, 12, 12};
    book.add_table("Answers", header, rows, kWidths);
    return book.close(temporary);
  });
}

Result<std::vector<AnswerRow>> read_answers(const std::filesystem::path& path) {
  const std::string extension = path.extension().string();
  if (extension == ".xlsx") {
    return read_sheet(path);
  }
  if (extension == ".yaml" || extension == ".yml") {
    return read_yaml(path);
  }
  return fail(ErrorKind::kUsage,
              fmt::format("{}: answers are read from .yaml, .yml or .xlsx files", path.string()),
              fmt::format("{}：回覆檔須為 .yaml、.yml 或 .xlsx", path.string()));
}

}  // namespace etguard::workspace
