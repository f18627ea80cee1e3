// etguard answers export|import: results in bulk, as YAML or an XLSX sheet.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "catalog/data/embedded.h"
#include "cli/command.h"
#include "cli/open_workspace.h"
#include "core/atomic_file.h"
#include "core/clock.h"
#include "workspace/answers.h"

namespace etguard::cli {
namespace {

struct AnswersOptions {
  std::string format = "yaml";
  std::string out;
  std::string file;
};

Result<int> run_export(const Context& context, const AnswersOptions& options) {
  auto workspace = open_workspace(context);
  if (!workspace) {
    return std::unexpected(workspace.error());
  }
  auto registers = workspace->load_registers();
  auto results = workspace->load_results();
  if (!registers || !results) {
    return std::unexpected(!registers ? registers.error() : results.error());
  }
  const auto& catalog = catalog::embedded_catalog();
  const auto lines = assess::status_lines(assess::compute_scope(catalog, *registers), *registers,
                                          *results, utc_today());
  const workspace::AnswerSheet sheet{&catalog, &lines, &*results, context.lang};
  if (options.format == "xlsx") {
    if (options.out.empty()) {
      return usage_error("--format xlsx needs --out FILE", "--format xlsx 須指定 --out 檔案");
    }
    if (Status written = workspace::write_answers_xlsx(sheet, options.out); !written) {
      return std::unexpected(written.error());
    }
  } else if (options.out.empty()) {
    print(workspace::answers_yaml(sheet));
    return kExitOk;
  } else if (Status written = write_file_atomically(options.out, workspace::answers_yaml(sheet));
             !written) {
    return std::unexpected(written.error());
  }
  print(fmt::format(
      fmt::runtime(context.lang == Lang::kZhTw ? "已匯出 {} 組要求與對象至 {}\n"
                                               : "exported {} requirement-object pairs to {}\n"),
      lines.size(), options.out));
  return kExitOk;
}

Result<int> run_import(const Context& context, const AnswersOptions& options) {
  auto rows = workspace::read_answers(options.file);
  if (!rows) {
    return std::unexpected(rows.error());
  }
  auto workspace = open_workspace(context);
  if (!workspace) {
    return std::unexpected(workspace.error());
  }
  std::vector<std::string> problems;
  std::vector<assess::Result> results;
  for (const workspace::AnswerRow& row : *rows) {
    if (Status valid = workspace->validate_result(row.result); !valid) {
      problems.push_back(fmt::format("{}: {}", row.where, valid.error().message));
      continue;
    }
    results.push_back(row.result);
  }
  if (!problems.empty()) {
    return fail(ErrorKind::kInput,
                fmt::format("{}\n{} problem(s); nothing was imported", fmt::join(problems, "\n"),
                            problems.size()),
                fmt::format("{}\n共 {} 個問題；未匯入任何結果", fmt::join(problems, "\n"),
                            problems.size()));
  }
  if (Status stored = workspace->set_results(results, workspace::current_actor()); !stored) {
    return std::unexpected(stored.error());
  }
  print(fmt::format(
      fmt::runtime(context.lang == Lang::kZhTw ? "已匯入 {} 筆結果（{}）\n"
                                               : "imported {} answered results from {}\n"),
      results.size(), options.file));
  return kExitOk;
}

}  // namespace

void add_answers_command(CLI::App& app, Action& selected) {
  auto options = std::make_shared<AnswersOptions>();
  CLI::App* answers =
      app.add_subcommand("answers", "Fill results in bulk (YAML, XLSX) / 批次填寫評估結果");
  answers->require_subcommand(1);
  CLI::App* exported =
      answers->add_subcommand("export", "Every applicable requirement and object, to fill in");
  exported->add_option("--format", options->format, "yaml | xlsx")
      ->check(CLI::IsMember({"yaml", "xlsx"}))
      ->capture_default_str();
  exported->add_option("--out", options->out,
                       "file to write atomically (default: stdout for yaml)");
  exported->footer(
      "Examples:\n  etguard answers export --format xlsx --out 評估回覆.xlsx\n"
      "  etguard answers export > answers.yaml");
  exported->callback([&selected, options] {
    selected = [options](const Context& context) { return run_export(context, *options); };
  });
  CLI::App* imported =
      answers->add_subcommand("import", "Record the answered rows, all or nothing");
  imported->add_option("file", options->file, ".yaml, .yml or .xlsx written by 'answers export'")
      ->required();
  imported->footer(
      "Rows without a status are skipped. Any problem (unknown requirement, a requirement that "
      "does not\n"
      "apply to the object, bad status or date, missing justification) is reported with its line "
      "or row,\n"
      "and nothing is imported. Unchanged results are not recorded again.");
  imported->callback([&selected, options] {
    selected = [options](const Context& context) { return run_import(context, *options); };
  });
}

}  // namespace etguard::cli
