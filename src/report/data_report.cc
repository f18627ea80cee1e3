#include "report/data_report.h"

#include <fmt/format.h>

#include <array>
#include <map>

#include "core/atomic_file.h"
#include "report/results_table.h"
#include "tabular/csv.h"
#include "tabular/workbook.h"

namespace etguard::report {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::array kStatuses = {
    assess::ResultStatus::kCompliant,    assess::ResultStatus::kPartiallyCompliant,
    assess::ResultStatus::kNonCompliant, assess::ResultStatus::kNotApplicable,
    assess::ResultStatus::kCompensating, assess::ResultStatus::kNotAssessed};

std::map<std::string_view, int> counts_by_status(const ReportInput& input) {
  std::map<std::string_view, int> counts;
  for (assess::ResultStatus status : kStatuses) {
    counts[assess::to_string(status)] = 0;
  }
  for (const assess::StatusLine& line : *input.lines) {
    ++counts[assess::to_string(line.status)];
  }
  return counts;
}

}  // namespace

Json json_report(const ReportInput& input) {
  Json by_status = Json::object();
  for (const auto& [status, count] : counts_by_status(input)) {
    by_status[std::string(status)] = count;
  }
  int overdue = 0;
  Json rows = Json::array();
  const assess::ResultIndex results(*input.results);
  for (const assess::StatusLine& line : *input.lines) {
    overdue += line.state == assess::Due::kOverdue ? 1 : 0;
    const assess::Result* result = results.find(line.node->id, line.object);
    Json row{{"requirement", line.node->id},
             {"obligation", catalog::to_string(line.node->obligation)},
             {"object", line.object},
             {"status", assess::to_string(line.status)},
             {"owner", line.owner},
             {"due", line.due},
             {"due_state", due_code(line.state)}};
    if (result != nullptr) {
      row["assessed_on"] = result->assessed_on;
      row["note"] = result->note;
      row["justification"] = result->justification;
    }
    rows.push_back(row);
  }
  Json evidence = Json::array();
  for (const assess::Evidence& item : *input.evidence) {
    Json entry{{"id", item.id},
               {"kind", item.kind},
               {"requirement", item.node_id},
               {"object", item.object},
               {"name", item.name},
               {"effective_from", item.effective_from},
               {"effective_to", item.effective_to},
               {"added_by", item.added_by},
               {"added_at", item.added_at}};
    if (!item.sha256.empty()) {
      entry["sha256"] = item.sha256;
    }
    if (!item.uri.empty()) {
      entry["uri"] = item.uri;
    }
    if (item.kind == "scan") {
      entry["check_id"] = item.check_id;
      entry["verdict"] = assess::verdict_name(item);
    }
    if (item.withdrawn()) {
      entry["withdrawn"] = {{"at", item.withdrawn_at},
                            {"by", item.withdrawn_by},
                            {"reason", item.withdrawn_reason},
                            {"superseded_by", item.superseded_by}};
    }
    evidence.push_back(entry);
  }
  return Json{
      {"format", kReportFormat},
      {"format_version", kReportFormatVersion},
      {"firm", input.registers->profile.name},
      {"sector", assess::to_string(input.registers->profile.sector)},
      {"as_of", input.today},
      {"summary", {{"pairs", input.lines->size()}, {"by_status", by_status}, {"overdue", overdue}}},
      {"ledger",
       {{"ok", input.ledger.ok()},
        {"entries", input.ledger.entries},
        {"checkpoints", input.ledger.checkpoints},
        {"head", {{"seq", input.ledger.head_seq}, {"hash", input.ledger.head_hash}}}}},
      {"results", rows},
      {"evidence", evidence}};
}

std::string csv_report(const ReportInput& input) {
  return tabular::csv_document(result_columns(input.lang), result_rows(input));
}

Status write_xlsx_report(const ReportInput& input, const std::filesystem::path& path) {
  return produce_file_atomically(path, [&](const std::filesystem::path& temporary) -> Status {
    tabular::Workbook book(temporary);
    if (!book.ok()) {
      return fail(ErrorKind::kIo, fmt::format("cannot create the workbook '{}'", path.string()),
                  fmt::format("無法建立活頁簿 '{}'", path.string()));
    }
    const bool zh = input.lang == Lang::kZhTw;
    std::vector<std::vector<std::string>> summary = {
        {zh ? "機構" : "Firm", input.registers->profile.name},
        {zh ? "基準日" : "As of", input.today},
        {zh ? "適用組合" : "Applicable pairs", std::to_string(input.lines->size())},
    };
    for (const auto& [status, count] : counts_by_status(input)) {
      summary.push_back(
          {std::string(assess::describe(*assess::parse_result_status(status)).in(input.lang)),
           std::to_string(count)});
    }
    summary.push_back({zh ? "稽核帳本" : "Ledger", input.ledger.ok()
                                                       ? (zh ? "驗證通過" : "verifies")
                                                       : (zh ? "驗證失敗" : "FAILS to verify")});
    constexpr std::array<double, 2> kSummaryWidths = {28, 60};
    book.add_table(zh ? "摘要" : "Summary", {zh ? "項目" : "Item", zh ? "值" : "Value"}, summary,
                   kSummaryWidths);
    constexpr std::array<double, 11> kResultWidths = {10, 48, 10, 26, 14, 18, 12, 12, 14, 40, 8};
    book.add_table(zh ? "評估結果" : "Results", result_columns(input.lang), result_rows(input),
                   kResultWidths);
    constexpr std::array<double, 11> kEvidenceWidths = {6, 8, 10, 26, 40, 40, 12, 12, 10, 14, 24};
    book.add_table(zh ? "佐證" : "Evidence", evidence_columns(input.lang), evidence_rows(input),
                   kEvidenceWidths);
    return book.close(temporary);
  });
}

}  // namespace etguard::report
