// etguard report --format html|json|csv|xlsx|oscal-ar [--out FILE]
#include <fmt/format.h>

#include "app/documents.h"
#include "cli/command.h"
#include "cli/open_workspace.h"

namespace etguard::cli {
namespace {

struct ReportOptions {
  std::string format = "html";
  std::string out;
  std::string today;
  std::string cycle;
};

Result<int> run_report(const Context& context, const ReportOptions& options) {
  auto session = open_session(context, Access::kReadOnly);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto content = app::assessment_report(
      *session, {options.format, options.out, context.lang, options.today, options.cycle});
  return deliver_document(content, options.format, options.out,
                          context.json ? std::string()
                                       : fmt::format(fmt::runtime(context.lang == Lang::kZhTw
                                                                      ? "報告已寫入 {}\n"
                                                                      : "report written to {}\n"),
                                                     options.out));
}

}  // namespace

void add_report_command(CLI::App& app, Action& selected, const Help& help) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* report = app.add_subcommand("report", help("The assessment report", "評估報告"));
  report->add_option("--format", options->format, "html | json | csv | xlsx | oscal-ar")
      ->check(CLI::IsMember({"html", "json", "csv", "xlsx", "oscal-ar"}))
      ->capture_default_str();
  report->add_option("--out", options->out,
                     help("file to write atomically (default: stdout)",
                          "以不可分割方式寫入之檔案（預設為標準輸出）"));
  report->add_option(
      "--today", options->today,
      help("report as of this date (YYYY-MM-DD)", "以此日期為基準產生報告（YYYY-MM-DD）"));
  report->add_option("--cycle", options->cycle,
                     help("a closed cycle, reported as it ended (from its archive; its numbers "
                          "never change)",
                          "已結束之週期，依其結束時之狀態報告（取自封存資料，數字永不改變）"));
  report->footer(help.footer(
      "One self-contained HTML file (inline CSS and SVG, no external fetches) with the board "
      "summary,\noverdue items, every result and the registers; it prints cleanly.\n\n"
      "JSON (etguard.report 1.0), CSV and XLSX carry the same rows for other tools; oscal-ar is "
      "an\nOSCAL 1.2.1 assessment-results document (findings per requirement and object, "
      "evidence as\nobservations).",
      "單一自足之 HTML 檔（內嵌 CSS 與 SVG，不連外部資源），含董事會摘要、逾期事項、\n"
      "每項評估結果及各清冊；可直接列印。\n\n"
      "JSON（etguard.report 1.0）、CSV 與 XLSX 以相同資料列供其他工具使用；oscal-ar 為\n"
      "OSCAL 1.2.1 評估結果文件（每一要求與對象之發現事項，佐證資料列為觀察事項）。",
      "  etguard report --format html --lang zh-TW --out report.html\n"
      "  etguard report --format xlsx --out 評估結果.xlsx\n"
      "  etguard report --format oscal-ar --out assessment-results.json\n"
      "  etguard report --cycle 2026 --format html --out report-2026.html"));
  report->callback([&selected, options] {
    selected = [options](const Context& context) { return run_report(context, *options); };
  });
}

}  // namespace etguard::cli
