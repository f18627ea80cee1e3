// etguard cycle start NAME | list: assessment cycles (e.g. yearly).
#include <fmt/format.h>
#include <unistd.h>

#include <iostream>

#include "app/cycles.h"
#include "cli/command.h"
#include "cli/open_workspace.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

struct CycleOptions {
  std::string name;
  std::string today;
  std::string due;
  bool dry_run = false;
  bool yes = false;
};

std::string plan_text(const Context& context, const app::CycleStarted& plan) {
  const bool zh = context.lang == Lang::kZhTw;
  return fmt::format(
      fmt::runtime(
          zh ? "評估週期 {}（自 {}{}）：{} 筆結果封存並重設為待重新確認，{} 筆未改善之不符合"
               "事項延續至新週期\n"
             : "cycle {} (from {}{}): {} result(s) archived and reset for "
               "re-attestation, {} open non-compliance(s) carried over\n"),
      plan.name, plan.started_on,
      plan.due_on.empty() ? std::string()
                          : fmt::format(fmt::runtime(zh ? "，期限 {}" : ", due {}"), plan.due_on),
      plan.results_reset, plan.carried_over);
}

// On a terminal, asks before a change that archives a whole year's results.
bool confirmed(const Context& context) {
  if (::isatty(STDIN_FILENO) == 0 || !stdout_is_terminal()) {
    return true;  // scripts and CI: no one to ask
  }
  print(context.lang == Lang::kZhTw ? "確定開始？[y/N] " : "Start it? [y/N] ");
  std::string answer;
  std::getline(std::cin, answer);
  return answer == "y" || answer == "Y" || answer == "yes";
}

Result<int> run_start(const Context& context, const CycleOptions& options) {
  auto session = open_session(context);
  if (!session) {
    return std::unexpected(session.error());
  }
  app::CycleStart start{options.name, options.today, options.due, true};
  auto plan = app::start_cycle(*session, start);
  if (!plan) {
    return std::unexpected(plan.error());
  }
  if (!options.dry_run && !options.yes && !context.json) {
    print(plan_text(context, *plan));
    if (!confirmed(context)) {
      print(context.lang == Lang::kZhTw ? "未變更任何資料\n" : "nothing changed\n");
      return kExitOk;
    }
  }
  if (!options.dry_run) {
    start.dry_run = false;
    plan = app::start_cycle(*session, start);
    if (!plan) {
      return std::unexpected(plan.error());
    }
  }
  if (context.json) {
    print_json(Json{{"format", "etguard.cycle.start"},
                    {"format_version", "1.1"},
                    {"dry_run", plan->dry_run},
                    {"name", plan->name},
                    {"started_on", plan->started_on},
                    {"due_on", plan->due_on},
                    {"results_reset", plan->results_reset},
                    {"carried_over", plan->carried_over}});
  } else if (plan->dry_run) {
    print(plan_text(context, *plan) + (context.lang == Lang::kZhTw
                                           ? "（試算：未變更任何資料）\n"
                                           : "(dry run: nothing changed)\n"));
  } else {
    print(context.lang == Lang::kZhTw ? fmt::format("評估週期 {} 已開始\n", plan->name)
                                      : fmt::format("cycle {} started\n", plan->name));
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
  Table table({zh ? "週期" : "Cycle", zh ? "開始" : "Started", zh ? "期限" : "Due",
               zh ? "人員" : "By",
               zh ? "封存前一週期結果數" : "Results archived from the previous cycle"});
  for (const store::CycleRecord& cycle : *cycles) {
    items.push_back(Json{{"name", cycle.name},
                         {"started_on", cycle.started_on},
                         {"due_on", cycle.due_on},
                         {"started_by", cycle.started_by},
                         {"archived_results", cycle.archived_results}});
    table.add({cycle.name, cycle.started_on, cycle.due_on, cycle.started_by,
               std::to_string(cycle.archived_results)});
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
  start->add_option("--due", options->due,
                    "the deadline (YYYY-MM-DD): what is still unassessed then is overdue");
  start->add_flag("--dry-run", options->dry_run, "say what would happen; change nothing");
  start->add_flag("--yes", options->yes, "do not ask on a terminal");
  start->footer(
      "Results are archived as they stood, then reset to not assessed (owner, note and "
      "justification kept);\n"
      "open non-compliances (non_compliant, partially_compliant) carry over as they stand.\n"
      "Evidence is untouched: links carry over; files and scans remain the record of the periods "
      "they cover.\nOn a terminal it asks first (--yes skips the question).\n\n"
      "Examples:\n  etguard cycle start 2027 --due 2027-06-30 --dry-run\n"
      "  etguard cycle start 2027 --due 2027-06-30");
  start->callback([&selected, options] {
    selected = [options](const Context& context) { return run_start(context, *options); };
  });
  CLI::App* list = cycle->add_subcommand("list", "Cycles started so far");
  list->callback([&selected] { selected = run_cycle_list; });
}

}  // namespace etguard::cli
