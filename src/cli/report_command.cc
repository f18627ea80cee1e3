// etguard report --format html [--out FILE]
#include <fmt/format.h>

#include "catalog/data/embedded.h"
#include "cli/command.h"
#include "cli/open_workspace.h"
#include "core/atomic_file.h"
#include "core/clock.h"
#include "report/html_report.h"

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
  const std::string html = report::html_report(
      {&catalog, &*registers, &lines, &*results, &*evidence, *ledger, today, context.lang});
  if (options.out.empty()) {
    print(html);
  } else if (Status written = write_file_atomically(options.out, html); !written) {
    return std::unexpected(written.error());
  } else if (!context.json) {
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
  report->add_option("--format", options->format, "html")
      ->check(CLI::IsMember({"html"}))
      ->capture_default_str();
  report->add_option("--out", options->out, "file to write atomically (default: stdout)");
  report->add_option("--today", options->today, "report as of this date (YYYY-MM-DD)");
  report->footer(
      "One self-contained HTML file (inline CSS and SVG, no external fetches) with the board "
      "summary,\n"
      "overdue items, every result and the registers; it prints cleanly.\n\n"
      "Example:\n  etguard report --format html --lang zh-TW --out report.html");
  report->callback([&selected, options] {
    selected = [options](const Context& context) { return run_report(context, *options); };
  });
}

}  // namespace etguard::cli
