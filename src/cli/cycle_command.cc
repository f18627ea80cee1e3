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
  std::string report;
  std::string statement;
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

Result<int> run_sign_off(const Context& context, const CycleOptions& options) {
  auto session = open_session(context);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto signed_off = app::sign_off_cycle(
      *session, {options.name, options.report, options.statement, context.lang});
  if (!signed_off) {
    return std::unexpected(signed_off.error());
  }
  if (context.json) {
    print_json(Json{{"format", "etguard.cycle.sign_off"},
                    {"format_version", "1.0"},
                    {"cycle", signed_off->cycle},
                    {"report", signed_off->report},
                    {"sha256", signed_off->sha256},
                    {"statement", signed_off->statement},
                    {"signed_by", signed_off->signed_by},
                    {"signed_at", signed_off->signed_at}});
  } else {
    print(fmt::format(
        fmt::runtime(context.lang == Lang::kZhTw
                         ? "{} 已簽核評估週期 {} 的報告 {}\n  SHA-256 {}\n  （已記入稽核帳本；報告"
                           "保存於佐證儲存區）\n"
                         : "{} signed off the report {} of cycle {}\n  SHA-256 {}\n  (recorded in "
                           "the ledger; the report is kept in the evidence store)\n"),
        signed_off->signed_by, context.lang == Lang::kZhTw ? signed_off->cycle : signed_off->report,
        context.lang == Lang::kZhTw ? signed_off->report : signed_off->cycle, signed_off->sha256));
  }
  return kExitOk;
}

}  // namespace

void add_cycle_command(CLI::App& app, Action& selected, const Help& help) {
  auto options = std::make_shared<CycleOptions>();
  CLI::App* cycle = app.add_subcommand(
      "cycle", help("Assessment cycles (e.g. yearly)", "評估週期（例如每年一次）"));
  cycle->require_subcommand(1);
  CLI::App* start =
      cycle->add_subcommand("start", help("Archive every result and reset it for re-attestation",
                                          "封存所有評估結果並重置，以便重新評估"));
  start
      ->add_option("name", options->name,
                   help("the cycle's name, e.g. 2027", "週期名稱，例如 2027"))
      ->required();
  start->add_option(
      "--today", options->today,
      help("start date (YYYY-MM-DD; default: today)", "開始日期（YYYY-MM-DD；預設為今日）"));
  start->add_option("--due", options->due,
                    help("the deadline (YYYY-MM-DD): what is still unassessed then is overdue",
                         "期限（YYYY-MM-DD）：屆時仍未評估者即為逾期"));
  start->add_flag(
      "--dry-run", options->dry_run,
      help("say what would happen; change nothing", "僅說明將執行之動作，不做任何變更"));
  start->add_flag("--yes", options->yes,
                  help("do not ask on a terminal", "在終端機上不再詢問確認"));
  start->footer(help.footer(
      "Results are archived as they stood, then reset to not assessed (owner, note and "
      "justification kept);\n"
      "open non-compliances (non_compliant, partially_compliant) carry over as they stand.\n"
      "Evidence is untouched: links carry over; files and scans remain the record of the periods "
      "they cover.\nOn a terminal it asks first (--yes skips the question).",
      "評估結果依原狀封存後重置為未評估（保留負責人、備註與理由）；\n"
      "尚未改善之不符合與部分符合事項依原狀結轉至新週期。\n"
      "佐證資料不變：連結結轉；檔案與掃描結果仍為其涵蓋期間之紀錄。\n"
      "在終端機上會先詢問確認（--yes 略過詢問）。",
      "  etguard cycle start 2027 --due 2027-06-30 --dry-run\n"
      "  etguard cycle start 2027 --due 2027-06-30"));
  start->callback([&selected, options] {
    selected = [options](const Context& context) { return run_start(context, *options); };
  });
  CLI::App* sign_off =
      cycle->add_subcommand("sign-off", help("Sign off a cycle's report (who, when, its SHA-256)",
                                             "簽核週期報告（記錄簽核人、時間及報告之 SHA-256）"));
  sign_off->add_option("name", options->name,
                       help("the cycle (default: the current one)", "週期（預設為目前週期）"));
  sign_off->add_option(
      "--report", options->report,
      help("the report file you read and approve (default: the cycle's HTML "
           "report in --lang, produced now)",
           "您閱讀並核定之報告檔（預設為此時以 --lang 語言產生之該週期 HTML 報告）"));
  sign_off->add_option("--statement", options->statement,
                       help("what you state, e.g. \"Approved by the board on 2027-03-20\"",
                            "簽核聲明，例如「董事會 2027-03-20 核定」"));
  sign_off->footer(help.footer(
      "The report is kept in the evidence store and goes into the examiner's pack; the ledger\n"
      "records who signed which report (its SHA-256) and when. A report of a closed cycle is\n"
      "produced from its archive, so it is the same whenever it is produced.",
      "報告存入佐證資料庫並納入稽核包；稽核帳本記錄簽核人、所簽核之報告（SHA-256）\n"
      "及時間。已結束之週期由其封存資料產生報告，故無論何時產生內容均相同。",
      "  etguard cycle sign-off 2026 --statement \"董事會 2027-03-20 核定\" --lang zh-TW\n"
      "  etguard report --cycle 2026 --format html --out board-2026.html\n"
      "  etguard cycle sign-off 2026 --report board-2026.html"));
  sign_off->callback([&selected, options] {
    selected = [options](const Context& context) { return run_sign_off(context, *options); };
  });
  CLI::App* list = cycle->add_subcommand("list", help("Cycles started so far", "已開始之評估週期"));
  list->callback([&selected] { selected = run_cycle_list; });
}

}  // namespace etguard::cli
