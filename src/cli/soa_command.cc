// etguard soa --format html|csv|xlsx [--out FILE]: the statement of
// applicability as a document an examiner reads.
#include <fmt/format.h>

#include "catalog/data/embedded.h"
#include "cli/command.h"
#include "cli/open_workspace.h"
#include "core/atomic_file.h"
#include "core/clock.h"
#include "report/soa.h"

namespace etguard::cli {
namespace {

struct SoaOptions {
  std::string format = "html";
  std::string out;
};

Result<int> run_soa(const Context& context, const SoaOptions& options) {
  auto workspace = open_workspace(context);
  if (!workspace) {
    return std::unexpected(workspace.error());
  }
  auto registers = workspace->load_registers();
  if (!registers) {
    return std::unexpected(registers.error());
  }
  const auto& catalog = catalog::embedded_catalog();
  const auto scope = assess::compute_scope(catalog, *registers);
  const report::SoaInput input{&catalog, &*registers, &scope, utc_today(), context.lang};
  if (options.format == "xlsx") {
    if (options.out.empty()) {
      return usage_error("--format xlsx needs --out FILE", "--format xlsx 須指定 --out 檔案");
    }
    if (Status written = report::write_soa_xlsx(input, options.out); !written) {
      return std::unexpected(written.error());
    }
  } else {
    const std::string content =
        options.format == "csv" ? report::soa_csv(input) : report::soa_html(input);
    if (options.out.empty()) {
      print(content);
      return kExitOk;
    }
    if (Status written = write_file_atomically(options.out, content); !written) {
      return std::unexpected(written.error());
    }
  }
  print(fmt::format(
      fmt::runtime(context.lang == Lang::kZhTw ? "適用性聲明已寫入 {}\n"
                                               : "statement of applicability written to {}\n"),
      options.out));
  return kExitOk;
}

}  // namespace

void add_soa_command(CLI::App& app, Action& selected) {
  auto options = std::make_shared<SoaOptions>();
  CLI::App* soa =
      app.add_subcommand("soa", "The statement of applicability as a document / 適用性聲明");
  soa->add_option("--format", options->format, "html | csv | xlsx")
      ->check(CLI::IsMember({"html", "csv", "xlsx"}))
      ->capture_default_str();
  soa->add_option("--out", options->out, "file to write atomically (default: stdout)");
  soa->footer(
      "Every requirement: whether it applies, to which register entries, and the facts that "
      "decided,\n"
      "in words (from the catalog's fact vocabulary). 'etguard scope' is the same on the "
      "terminal.\n\n"
      "Examples:\n  etguard soa --lang zh-TW --out 適用性聲明.html\n  etguard soa --format xlsx "
      "--out soa.xlsx");
  soa->callback([&selected, options] {
    selected = [options](const Context& context) { return run_soa(context, *options); };
  });
}

}  // namespace etguard::cli
