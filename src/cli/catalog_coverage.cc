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

std::vector<std::string> check_ids(const std::vector<const check::CheckInfo*>& checks) {
  std::vector<std::string> ids;
  ids.reserve(checks.size());
  for (const check::CheckInfo* info : checks) {
    ids.emplace_back(info->id);
  }
  return ids;
}

// One chapter's requirements: how each is covered, by which checks, and the
// evidence an auditor asks to see (what an officer gathers where no check does).
Result<int> run_chapter(const Context& context, int chapter) {
  const auto& catalog = catalog::embedded_catalog();
  Json rows = Json::array();
  const bool zh = context.lang == Lang::kZhTw;
  Table table({zh ? "要求" : "Requirement", zh ? "涵蓋" : "Coverage", zh ? "檢測" : "Checks",
               zh ? "應備佐證" : "Evidence expected"});
  for (const catalog::Node* node : catalog.all_nodes()) {
    if (node->obligation == catalog::Obligation::kInformative ||
        catalog.article(node->article)->chapter != chapter) {
      continue;
    }
    const app::Automation automation = app::automation_of(catalog, *node);
    const auto proving = check_ids(app::checks_proving(node->id));
    const auto supporting = check_ids(app::checks_supporting(node->id));
    Json evidence = Json::array();
    std::vector<std::string> shown;
    for (const Text& item : node->evidence) {
      evidence.push_back({{"zh", item.zh}, {"en", item.en}});
      shown.emplace_back(context.tr(item));
    }
    rows.push_back({{"id", node->id},
                    {"coverage", app::to_string(automation)},
                    {"checks", proving},
                    {"partial_checks", supporting},
                    {"evidence", std::move(evidence)}});
    std::vector<std::string> checks = proving;
    for (const std::string& id : supporting) {
      checks.push_back(id + (zh ? "（部分）" : " (partly)"));
    }
    const std::string_view coverage =
        automation == app::Automation::kAutomated ? (zh ? "自動" : "automated")
        : automation == app::Automation::kPartly  ? (zh ? "部分" : "partly")
                                                  : (zh ? "人工" : "manual");
    table.add({std::string(node->id), std::string(coverage),
               checks.empty() ? "-" : fmt::format("{}", fmt::join(checks, ", ")),
               fmt::format("{}", fmt::join(shown, zh ? "；" : "; "))});
  }
  if (rows.empty()) {
    return usage_error(fmt::format("there is no chapter {} with requirements (2 to 8)", chapter),
                       fmt::format("無第 {} 章之要求（請用 2 至 8）", chapter));
  }
  if (context.json) {
    print_json(Json{{"format", "etguard.catalog.coverage"},
                    {"format_version", "1.1"},
                    {"catalog_version", catalog.data().version},
                    {"chapter", chapter},
                    {"requirements", std::move(rows)}});
    return kExitOk;
  }
  print(catalog::chapter_label(chapter, context.lang) + "\n");
  print(table.render(terminal_width()));
  return kExitOk;
}

Result<int> run_coverage(const Context& context, int chapter) {
  if (chapter != 0) {
    return run_chapter(context, chapter);
  }
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
                          {"partly_automated_ids", row.partly_ids},
                          {"manual_ids", row.manual_ids}});
    }
    print_json(Json{{"format", "etguard.catalog.coverage"},
                    {"format_version", "1.1"},
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
                  "  etguard catalog coverage\n  etguard catalog coverage --json\n"
                  "  etguard catalog coverage --chapter 8"));
  auto chapter = std::make_shared<int>(0);
  coverage
      ->add_option("--chapter", *chapter,
                   help("list one chapter's requirements with their checks and the evidence "
                        "expected",
                        "列出單章各要求之檢測及應備佐證"))
      ->check(CLI::Range(1, 8));
  coverage->callback([&selected, chapter] {
    selected = [chapter](const Context& context) { return run_coverage(context, *chapter); };
  });
}

}  // namespace etguard::cli
