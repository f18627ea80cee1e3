// etguard cycle start NAME | list: assessment cycles (e.g. yearly).
#include <fmt/format.h>

#include "cli/command.h"
#include "cli/open_workspace.h"
#include "core/clock.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

struct CycleOptions {
  std::string name;
  std::string today;
};

Result<int> run_start(const Context& context, const CycleOptions& options) {
  auto workspace = open_workspace(context);
  if (!workspace) {
    return std::unexpected(workspace.error());
  }
  const std::string today = options.today.empty() ? utc_today() : options.today;
  auto reset = workspace->start_cycle(options.name, today, workspace::current_actor());
  if (!reset) {
    return std::unexpected(reset.error());
  }
  if (context.json) {
    print_json(Json{{"format", "etguard.cycle.start"},
                    {"format_version", "1.0"},
                    {"name", options.name},
                    {"started_on", today},
                    {"results_reset", *reset}});
  } else {
    print(fmt::format(
        fmt::runtime(
            context.lang == Lang::kZhTw
                ? "評估週期 {} 自 {} 開始：{} 筆結果已封存並重設為待重新確認\n"
                : "cycle {} started {}: {} results archived and reset for re-attestation\n"),
        options.name, today, *reset));
  }
  return kExitOk;
}

Result<int> run_list(const Context& context) {
  auto workspace = open_workspace(context);
  if (!workspace) {
    return std::unexpected(workspace.error());
  }
  auto rows = workspace->db().prepare(
      "SELECT c.name, c.started_on, c.started_by, (SELECT count(*) FROM result_archive a WHERE "
      "a.cycle_id = c.id) "
      "FROM cycles c ORDER BY c.id");
  if (!rows) {
    return std::unexpected(rows.error());
  }
  const bool zh = context.lang == Lang::kZhTw;
  Json cycles = Json::array();
  Table table({zh ? "週期" : "Cycle", zh ? "開始" : "Started", zh ? "人員" : "By",
               zh ? "封存前一週期結果數" : "Results archived from the previous cycle"});
  if (Status read = rows->for_each_row([&] {
        cycles.push_back(Json{{"name", rows->text(0)},
                              {"started_on", rows->text(1)},
                              {"started_by", rows->text(2)},
                              {"archived_results", rows->integer(3)}});
        table.add({rows->text(0), rows->text(1), rows->text(2), std::to_string(rows->integer(3))});
      });
      !read) {
    return std::unexpected(read.error());
  }
  if (context.json) {
    print_json(
        Json{{"format", "etguard.cycle.list"}, {"format_version", "1.0"}, {"cycles", cycles}});
  } else {
    print(table.render(terminal_width()));
  }
  return kExitOk;
}

}  // namespace

void add_cycle_command(CLI::App& app, Action& selected) {
  auto options = std::make_shared<CycleOptions>();
  CLI::App* cycle = app.add_subcommand("cycle", "Assessment cycles (e.g. yearly) / 評估週期");
  cycle->require_subcommand(1);
  CLI::App* start =
      cycle->add_subcommand("start", "Archive every result and reset it for re-attestation");
  start->add_option("name", options->name, "the cycle's name, e.g. 2027")->required();
  start->add_option("--today", options->today, "start date (YYYY-MM-DD; default: today)");
  start->footer(
      "Results are archived as they stood, then reset to not assessed (owner, note and "
      "justification kept).\n"
      "Evidence is untouched: links carry over; files and scans remain the record of the periods "
      "they cover.\n\n"
      "Example:\n  etguard cycle start 2027");
  start->callback([&selected, options] {
    selected = [options](const Context& context) { return run_start(context, *options); };
  });
  CLI::App* list = cycle->add_subcommand("list", "Cycles started so far");
  list->callback([&selected] { selected = run_list; });
}

}  // namespace etguard::cli
