#include "report/results_table.h"

#include <algorithm>

#include "core/text.h"

namespace etguard::report {

std::string_view due_code(assess::Due due) {
  switch (due) {
    case assess::Due::kUnassessed:
      return "unassessed";
    case assess::Due::kOverdue:
      return "overdue";
    case assess::Due::kDueSoon:
      return "due_soon";
    case assess::Due::kCurrent:
      return "current";
    case assess::Due::kNoRecurrence:
      return "no_recurrence";
  }
  return "unassessed";
}

Text describe(assess::Due due) {
  switch (due) {
    case assess::Due::kUnassessed:
      return {.zh = "未評估", .en = "not assessed"};
    case assess::Due::kOverdue:
      return {.zh = "逾期", .en = "overdue"};
    case assess::Due::kDueSoon:
      return {.zh = "30 日內到期", .en = "due within 30 days"};
    case assess::Due::kCurrent:
      return {.zh = "有效", .en = "current"};
    case assess::Due::kNoRecurrence:
      return {.zh = "無固定週期", .en = "no fixed recurrence"};
  }
  return {};
}

std::map<std::pair<std::string_view, std::string_view>, int> evidence_counts(
    const ReportInput& input) {
  std::map<std::pair<std::string_view, std::string_view>, int> counts;
  for (const assess::Evidence& item : *input.evidence) {
    ++counts[{item.node_id, item.object}];
  }
  return counts;
}

std::vector<std::string> result_columns(Lang lang) {
  if (lang == Lang::kZhTw) {
    return {"要求",   "標題",   "義務",     "對象", "狀態",  "負責人",
            "評估日", "到期日", "期限狀態", "說明", "佐證數"};
  }
  return {"Requirement", "Title", "Obligation", "Object", "Status",  "Owner",
          "Assessed",    "Due",   "Due state",  "Note",   "Evidence"};
}

std::vector<std::vector<std::string>> result_rows(const ReportInput& input) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(input.lines->size());
  const assess::ResultIndex results(*input.results);
  const auto counts = evidence_counts(input);
  for (const assess::StatusLine& line : *input.lines) {
    const assess::Result* result = results.find(line.node->id, line.object);
    const auto counted = counts.find({line.node->id, line.object});
    const int evidence = counted == counts.end() ? 0 : counted->second;
    std::string note;
    if (result != nullptr) {
      note = result->justification.empty() ? result->note : result->justification;
    }
    const Text& summary = line.node->heading.empty() ? line.node->text : line.node->heading;
    rows.push_back({std::string(line.node->id), truncate_to_width(summary.in(input.lang), 60),
                    std::string(catalog::describe(line.node->obligation).in(input.lang)),
                    line.object, std::string(assess::describe(line.status).in(input.lang)),
                    line.owner, result != nullptr ? result->assessed_on : "", line.due,
                    std::string(describe(line.state).in(input.lang)), note,
                    std::to_string(evidence)});
  }
  return rows;
}

std::vector<std::string> evidence_columns(Lang lang) {
  if (lang == Lang::kZhTw) {
    return {"編號", "種類", "要求", "對象",   "名稱",    "SHA-256 或連結",
            "起",   "迄",   "判定", "新增者", "新增時間"};
  }
  return {"#",    "Kind", "Requirement", "Object",   "Name",    "SHA-256 or link",
          "From", "To",   "Verdict",     "Added by", "Added at"};
}

std::vector<std::vector<std::string>> evidence_rows(const ReportInput& input) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(input.evidence->size());
  for (const assess::Evidence& item : *input.evidence) {
    rows.push_back({std::to_string(item.id), item.kind, item.node_id, item.object, item.name,
                    item.sha256.empty() ? item.uri : item.sha256, item.effective_from,
                    item.effective_to, assess::verdict_name(item), item.added_by, item.added_at});
  }
  return rows;
}

}  // namespace etguard::report
