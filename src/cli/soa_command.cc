// etguard soa --format html|csv|xlsx [--out FILE]: the statement of
// applicability as a document an examiner reads.
#include <fmt/format.h>

#include "app/documents.h"
#include "cli/command.h"
#include "cli/open_workspace.h"

namespace etguard::cli {
namespace {

struct SoaOptions {
  std::string format = "html";
  std::string out;
};

Result<int> run_soa(const Context& context, const SoaOptions& options) {
  auto session = open_session(context, Access::kReadOnly);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto content =
      app::statement_of_applicability(*session, {options.format, options.out, context.lang, {}});
  return deliver_document(
      content, options.format, options.out,
      fmt::format(
          fmt::runtime(context.lang == Lang::kZhTw ? "適用性聲明已寫入 {}\n"
                                                   : "statement of applicability written to {}\n"),
          options.out));
}

}  // namespace

void add_soa_command(CLI::App& app, Action& selected, const Help& help) {
  auto options = std::make_shared<SoaOptions>();
  CLI::App* soa = app.add_subcommand(
      "soa", help("The statement of applicability as a document", "適用性聲明文件"));
  soa->add_option("--format", options->format, "html | csv | xlsx")
      ->check(CLI::IsMember({"html", "csv", "xlsx"}))
      ->capture_default_str();
  soa->add_option("--out", options->out,
                  help("file to write atomically (default: stdout)",
                       "以不可分割方式寫入之檔案（預設為標準輸出）"));
  soa->footer(help.footer(
      "Every requirement: whether it applies, to which register entries, and the facts that "
      "decided,\nin words (from the catalog's fact vocabulary). 'etguard scope' is the same on "
      "the terminal.",
      "每一要求：是否適用、適用於哪些清冊項目，以及據以判定之事實（以目錄之事實用語說明）。\n"
      "'etguard scope' 於終端機上顯示相同內容。",
      "  etguard soa --lang zh-TW --out 適用性聲明.html\n"
      "  etguard soa --format xlsx --out soa.xlsx"));
  soa->callback([&selected, options] {
    selected = [options](const Context& context) { return run_soa(context, *options); };
  });
}

}  // namespace etguard::cli
