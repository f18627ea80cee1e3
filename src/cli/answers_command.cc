// etguard answers export|import: results in bulk, as YAML or an XLSX sheet.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "app/assessment.h"
#include "app/documents.h"
#include "cli/command.h"
#include "cli/open_workspace.h"

namespace etguard::cli {
namespace {

struct AnswersOptions {
  std::string format = "yaml";
  std::string out;
  std::string file;
};

Result<int> run_answers_export(const Context& context, const AnswersOptions& options) {
  auto session = open_session(context, Access::kReadOnly);
  if (!session) {
    return std::unexpected(session.error());
  }
  std::size_t pairs = 0;
  auto content =
      app::answers_sheet(*session, {options.format, options.out, context.lang, {}}, pairs);
  return deliver_document(
      content, options.format, options.out,
      fmt::format(fmt::runtime(context.lang == Lang::kZhTw
                                   ? "已匯出 {} 組要求與對象至 {}\n"
                                   : "exported {} requirement-object pairs to {}\n"),
                  pairs, options.out));
}

Result<int> run_answers_import(const Context& context, const AnswersOptions& options) {
  auto session = open_session(context);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto imported = app::import_answers(*session, options.file);
  if (!imported) {
    return std::unexpected(imported.error());
  }
  print(fmt::format(
      fmt::runtime(context.lang == Lang::kZhTw ? "已匯入 {} 筆結果（{}）\n"
                                               : "imported {} answered results from {}\n"),
      *imported, options.file));
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
    selected = [options](const Context& context) { return run_answers_export(context, *options); };
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
    selected = [options](const Context& context) { return run_answers_import(context, *options); };
  });
}

}  // namespace etguard::cli
