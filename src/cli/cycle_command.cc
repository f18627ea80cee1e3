// etguard cycle start NAME | list: assessment cycles (e.g. yearly).
#include <fmt/format.h>

#include "app/cycles.h"
#include "cli/command.h"
#include "cli/open_workspace.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

struct CycleOptions {
  std::string name;
  std::string today;
};

Result<int> run_start(const Context& context, const CycleOptions& options) {
  auto session = open_session(context);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto started = app::start_cycle(*session, options.name, options.today);
  if (!started) {
    return std::unexpected(started.error());
  }
  if (context.json) {
    print_json(Json{{"format", "etguard.cycle.start"},
                    {"format_version", "1.0"},
                    {"name", options.name},
                    {"started_on", started->started_on},
                    {"results_reset", started->results_reset}});
  } else {
    print(fmt::format(
        fmt::runtime(
            context.lang == Lang::kZhTw
                ? "評估週期 {} 自 {} 開始：{} 筆結果已封存並重設為待重新確認\n"
                : "cycle {} started {}: {} results archived and reset for re-attestation\n"),
        options.name, started->started_on, started->results_reset));
  }
  return kExitOk;
}

Result<int> run_cycle_list(const Context& context) {
  auto session = open_session(context, Access::kReadOnly);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto cycles = app::list_cycles(*session);
  if (!cycles) {
    return std::unexpected(cycles.error());
  }
  const bool zh = context.lang == Lang::kZhTw;
  Json items = Json::array();
  Table table({zh ? "週期" : "Cycle", zh ? "開始" : "Started", zh ? "人員" : "By",
               zh ? "封存前一週期結果數" : "Results archived from the previous cycle"});
  for (const store::CycleRecord& cycle : *cycles) {
    items.push_back(Json{{"name", cycle.name},
                         {"started_on", cycle.started_on},
                         {"started_by", cycle.started_by},
                         {"archived_results", cycle.archived_results}});
    table.add(
        {cycle.name, cycle.started_on, cycle.started_by, std::to_string(cycle.archived_results)});
  }
  if (context.json) {
    print_json(
        Json{{"format", "etguard.cycle.list"}, {"format_version", "1.0"}, {"cycles", items}});
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
  list->callback([&selected] { selected = run_cycle_list; });
}

}  // namespace etguard::cli
