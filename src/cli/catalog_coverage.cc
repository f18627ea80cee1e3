// etguard catalog coverage: per chapter, which requirements a check proves
// (automated), which a check proves in part, and which are manual — from
// the check registry.
#include <fmt/format.h>

#include "app/coverage.h"
#include "catalog/data/embedded.h"
#include "cli/command.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

Result<int> run_coverage(const Context& context) {
  const auto& catalog = catalog::embedded_catalog();
  const auto chapters = app::coverage(catalog);
  if (context.json) {
    Json rows = Json::array();
    for (const app::ChapterCoverage& row : chapters) {
      rows.push_back(Json{{"chapter", row.chapter},
                          {"automated", row.automated},
                          {"partly_automated", row.partly},
                          {"manual", row.manual},
                          {"automated_ids", row.automated_ids},
                          {"partly_automated_ids", row.partly_ids}});
    }
    print_json(Json{{"format", "etguard.catalog.coverage"},
                    {"format_version", "1.0"},
                    {"catalog_version", catalog.data().version},
                    {"chapters", rows}});
    return kExitOk;
  }
  const bool zh = context.lang == Lang::kZhTw;
  Table table({zh ? "章" : "Chapter", zh ? "自動" : "Automated", zh ? "部分自動" : "Partly",
               zh ? "人工" : "Manual", zh ? "自動檢測之要求" : "Requirements a check proves"});
  int automated = 0;
  int partly = 0;
  int manual = 0;
  for (const app::ChapterCoverage& row : chapters) {
    automated += row.automated;
    partly += row.partly;
    manual += row.manual;
    table.add({catalog::chapter_label(row.chapter, context.lang), std::to_string(row.automated),
               std::to_string(row.partly), std::to_string(row.manual),
               fmt::format("{}", fmt::join(row.automated_ids, " "))});
  }
  print(table.render(terminal_width()));
  print(fmt::format(fmt::runtime(zh ? "\n合計：自動 {}、部分自動 {}、人工 {}（共 {} 項要求）\n"
                                    : "\nTotal: {} automated, {} partly, {} manual ({} "
                                      "requirements)\n"),
                    automated, partly, manual, automated + partly + manual));
  return kExitOk;
}

}  // namespace

void add_catalog_coverage(CLI::App& catalog, Action& selected, const Help& help) {
  CLI::App* coverage = catalog.add_subcommand(
      "coverage",
      help("Which requirements a check proves, chapter by chapter", "各章由自動檢測佐證之要求"));
  coverage->footer(
      help.footer("Automated: a check proves the requirement (or every requirement under it).\n"
                  "Partly: a check proves a requirement under it or above it. Manual: none does.",
                  "自動：有檢測可佐證該要求（或其下每一要求）。\n"
                  "部分：有檢測可佐證其上層或下層之要求。人工：無檢測可佐證。",
                  "  etguard catalog coverage\n  etguard catalog coverage --json"));
  coverage->callback([&selected] { selected = run_coverage; });
}

}  // namespace etguard::cli
