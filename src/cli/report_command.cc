// etguard report --format html|json|csv|xlsx|oscal-ar [--out FILE]
#include <fmt/format.h>

#include "catalog/data/embedded.h"
#include "cli/command.h"
#include "cli/open_workspace.h"
#include "core/atomic_file.h"
#include "core/clock.h"
#include "report/data_report.h"
#include "report/html_report.h"
#include "report/oscal_results.h"

namespace etguard::cli {
namespace {

struct ReportOptions {
  std::string format = "html";
  std::string out;
  std::string today;
};

Result<int> run_report(const Context& context, const ReportOptions& options) {
  auto workspace = open_workspace(context);
  if (!workspace) {
    return std::unexpected(workspace.error());
  }
  auto registers = workspace->load_registers();
  auto results = workspace->load_results();
  auto ledger = workspace->verify_ledger();
  auto evidence = workspace->load_evidence();
  if (!registers || !results || !ledger || !evidence) {
    return std::unexpected(!registers ? registers.error()
                           : !results ? results.error()
                           : !ledger  ? ledger.error()
                                      : evidence.error());
  }
  const std::string today = options.today.empty() ? utc_today() : options.today;
  const auto& catalog = catalog::embedded_catalog();
  const auto lines =
      assess::status_lines(assess::compute_scope(catalog, *registers), *registers, *results, today);
  const report::ReportInput input{&catalog,   &*registers, &lines, &*results,
                                  &*evidence, *ledger,     today,  context.lang};
  if (options.format == "xlsx") {
    if (options.out.empty()) {
      return usage_error("--format xlsx needs --out FILE", "--format xlsx 須指定 --out 檔案");
    }
    if (Status written = report::write_xlsx_report(input, options.out); !written) {
      return std::unexpected(written.error());
    }
  } else {
    std::string content;
    if (options.format == "html") {
      content = report::html_report(input);
    } else if (options.format == "json") {
      content =
          report::json_report(input).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
          "\n";
    } else if (options.format == "csv") {
      content = report::csv_report(input);
    } else {
      auto oscal = report::oscal_assessment_results(input);
      if (!oscal) {
        return std::unexpected(oscal.error());
      }
      content = oscal->dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    }
    if (options.out.empty()) {
      print(content);
      return kExitOk;
    }
    if (Status written = write_file_atomically(options.out, content); !written) {
      return std::unexpected(written.error());
    }
  }
  if (!context.json) {
    print(fmt::format(
        fmt::runtime(context.lang == Lang::kZhTw ? "報告已寫入 {}\n" : "report written to {}\n"),
        options.out));
  }
  return kExitOk;
}

}  // namespace

void add_report_command(CLI::App& app, Action& selected) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* report = app.add_subcommand("report", "The assessment report / 評估報告");
  report->add_option("--format", options->format, "html | json | csv | xlsx | oscal-ar")
      ->check(CLI::IsMember({"html", "json", "csv", "xlsx", "oscal-ar"}))
      ->capture_default_str();
  report->add_option("--out", options->out, "file to write atomically (default: stdout)");
  report->add_option("--today", options->today, "report as of this date (YYYY-MM-DD)");
  report->footer(
      "One self-contained HTML file (inline CSS and SVG, no external fetches) with the board "
      "summary,\n"
      "overdue items, every result and the registers; it prints cleanly.\n\n"
      "JSON (etguard.report 1.0), CSV and XLSX carry the same rows for other tools; oscal-ar is "
      "an\n"
      "OSCAL 1.2.1 assessment-results document (findings per requirement and object, evidence as\n"
      "observations).\n\n"
      "Examples:\n  etguard report --format html --lang zh-TW --out report.html\n"
      "  etguard report --format xlsx --out 評估結果.xlsx\n"
      "  etguard report --format oscal-ar --out assessment-results.json");
  report->callback([&selected, options] {
    selected = [options](const Context& context) { return run_report(context, *options); };
  });
}

}  // namespace etguard::cli
