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

void add_answers_command(CLI::App& app, Action& selected, const Help& help) {
  auto options = std::make_shared<AnswersOptions>();
  CLI::App* answers = app.add_subcommand(
      "answers", help("Fill results in bulk (YAML, XLSX)", "批次填寫評估結果（YAML、XLSX）"));
  answers->require_subcommand(1);
  CLI::App* exported =
      answers->add_subcommand("export", help("Every applicable requirement and object, to fill in",
                                             "匯出所有適用之要求與對象，供填寫"));
  exported->add_option("--format", options->format, "yaml | xlsx")
      ->check(CLI::IsMember({"yaml", "xlsx"}))
      ->capture_default_str();
  exported->add_option("--out", options->out,
                       help("file to write atomically (default: stdout for yaml)",
                            "以不可分割方式寫入之檔案（yaml 預設為標準輸出）"));
  exported->footer(help.footer({}, {},
                               "  etguard answers export --format xlsx --out 評估回覆.xlsx\n"
                               "  etguard answers export > answers.yaml"));
  exported->callback([&selected, options] {
    selected = [options](const Context& context) { return run_answers_export(context, *options); };
  });
  CLI::App* imported = answers->add_subcommand(
      "import",
      help("Record the answered rows, all or nothing", "登錄已填寫之列，全部成功或全不登錄"));
  imported
      ->add_option("file", options->file,
                   help(".yaml, .yml or .xlsx written by 'answers export'",
                        "由 'answers export' 產生之 .yaml、.yml 或 .xlsx"))
      ->required();
  imported->footer(help.footer(
      "Rows without a status are skipped. Any problem (unknown requirement, a requirement that "
      "does not\napply to the object, bad status or date, missing justification) is reported "
      "with its line or row,\nand nothing is imported. Unchanged results are not recorded again. "
      "Statuses may be written\nin either language (compliant or 符合).",
      "未填狀態之列略過。任何問題（不明之要求、不適用於該對象之要求、狀態或日期錯誤、缺少理由）"
      "\n均標示其行號或列號，且整份不匯入。未變更之結果不重複記錄。狀態可用中文或英文填寫"
      "\n（符合或 compliant）。",
      "  etguard answers import 評估回覆.xlsx"));
  imported->callback([&selected, options] {
    selected = [options](const Context& context) { return run_answers_import(context, *options); };
  });
}

}  // namespace etguard::cli
