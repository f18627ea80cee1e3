// etguard result set ...; etguard status: where each requirement stands and
// what is due.
#include <fmt/format.h>

#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "app/assessment.h"
#include "assess/status.h"
#include "catalog/data/embedded.h"
#include "cli/command.h"
#include "cli/open_workspace.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

struct ResultOptions {
  std::string id;
  std::string object = "org";
  std::optional<std::string> status;
  std::optional<std::string> owner;
  std::optional<std::string> note;
  std::optional<std::string> justification;
  std::optional<std::string> due;
  std::optional<std::string> assessed;
  bool clear_owner = false;
  bool clear_note = false;
  bool clear_justification = false;
  bool clear_due = false;
  std::optional<std::string> plan;
  std::optional<std::string> plan_owner;
  std::optional<std::string> plan_due;
  std::optional<std::string> plan_status;
  bool clear_plan = false;
};

Result<int> run_result_set(const Context& context, const ResultOptions& options) {
  app::ResultChange change;
  change.node_id = options.id;
  change.object = options.object;
  if (options.status) {
    const auto status = assess::parse_status_word(*options.status);
    if (!status) {
      return usage_error(
          fmt::format("unknown status '{}'; use compliant, partially_compliant, non_compliant, "
                      "not_applicable, compensating_control or not_assessed",
                      *options.status),
          fmt::format("未知的狀態 '{}'", *options.status));
    }
    change.status = status;
  }
  // Each field: given, cleared (--clear-FIELD) or left as it is.
  for (const auto& [field, value, clear, target] :
       {std::tuple{"owner", &options.owner, options.clear_owner, &change.owner},
        std::tuple{"note", &options.note, options.clear_note, &change.note},
        std::tuple{"justification", &options.justification, options.clear_justification,
                   &change.justification},
        std::tuple{"due", &options.due, options.clear_due, &change.due_date}}) {
    if (value->has_value() && clear) {
      return usage_error(fmt::format("give --{0} or --clear-{0}, not both", field),
                         fmt::format("--{0} 與 --clear-{0} 只能擇一", field));
    }
    if (clear) {
      *target = std::string();
    } else if (value->has_value()) {
      *target = **value;
    }
  }
  change.assessed_on = options.assessed;
  change.plan_action = options.plan;
  change.plan_owner = options.plan_owner;
  change.plan_due = options.plan_due;
  change.clear_plan = options.clear_plan;
  if (options.plan_status) {
    change.plan_status = assess::parse_plan_status(*options.plan_status);
    if (!change.plan_status) {
      return usage_error(
          fmt::format("unknown plan status '{}'; use open, in_progress or done (未開始, 進行中, "
                      "已完成)",
                      *options.plan_status),
          fmt::format("未知的計畫狀態 '{}'；請用 open、in_progress、done（未開始、進行中、已完成）",
                      *options.plan_status));
    }
  }
  if (options.clear_plan &&
      (options.plan || options.plan_owner || options.plan_due || options.plan_status)) {
    return usage_error("give --clear-plan or plan fields, not both",
                       "--clear-plan 與計畫欄位只能擇一");
  }
  if (!change.status && !change.owner && !change.note && !change.justification &&
      !change.due_date && !change.assessed_on && !change.changes_plan()) {
    return usage_error("nothing to change: give --status or a field to set or clear",
                       "沒有要變更的內容：請給 --status 或要設定、清除的欄位");
  }
  auto session = open_session(context);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto result = app::change_result(*session, change);
  if (!result) {
    return std::unexpected(result.error());
  }
  if (!context.json) {
    print(fmt::format("{} {} → {}\n", options.id, options.object,
                      context.tr(assess::describe(result->status))));
    if (const assess::RemediationPlan& plan = result->plan; !plan.empty()) {
      print(
          fmt::format(fmt::runtime(context.lang == Lang::kZhTw ? "  改善計畫：{}（{}，{} 前，{}）\n"
                                                               : "  plan: {} ({}, by {}, {})\n"),
                      plan.action, plan.owner.empty() ? "—" : plan.owner, plan.due_on,
                      context.tr(assess::describe(plan.status))));
    }
  }
  return kExitOk;
}

Text due_label(assess::Due due) {
  switch (due) {
    case assess::Due::kUnassessed:
      return {"未評估", "unassessed"};
    case assess::Due::kOverdue:
      return {"逾期", "overdue"};
    case assess::Due::kDueSoon:
      return {"30 日內到期", "due within 30 days"};
    case assess::Due::kCurrent:
      return {"有效", "current"};
    case assess::Due::kNoRecurrence:
      return {"依事件", "event-driven"};
  }
  return {};
}

Result<int> run_status(const Context& context, const std::string& today_option) {
  auto session = open_session(context, Access::kReadOnly);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto snapshot = session->snapshot(today_option);
  if (!snapshot) {
    return std::unexpected(snapshot.error());
  }
  const std::string& today = snapshot->today;
  const std::vector<assess::StatusLine>& lines = snapshot->lines;
  // Counted through hashed lookups (millions of lines for a large firm),
  // then ordered for the tables.
  std::unordered_map<const catalog::Node*, int> chapter_of;
  std::unordered_map<std::string_view, std::array<int, 5>> owners;
  std::map<int, std::array<int, 5>> by_chapter;
  int overdue = 0;
  for (const auto& line : lines) {
    auto [chapter, added] = chapter_of.try_emplace(line.node, 0);
    if (added) {
      chapter->second = catalog::embedded_catalog().article(line.node->article)->chapter;
    }
    ++by_chapter[chapter->second][static_cast<std::size_t>(line.state)];
    ++owners[line.owner.empty() ? std::string_view("—") : std::string_view(line.owner)]
            [static_cast<std::size_t>(line.state)];
    overdue += line.state == assess::Due::kOverdue ? 1 : 0;
  }
  const std::map<std::string_view, std::array<int, 5>> by_owner(owners.begin(), owners.end());
  // Open problems: with a plan still to be done, and with none at all.
  int planned = 0;
  int unplanned = 0;
  const assess::ResultIndex results(snapshot->results);
  for (const auto& line : lines) {
    if (line.plan) {
      ++planned;
    } else if (assess::is_open_problem(line.status)) {
      const assess::Result* result = results.find(line.node->id, line.object);
      unplanned += result == nullptr || result->plan.empty() ? 1 : 0;
    }
  }
  if (context.json) {
    Json items = Json::array();
    for (const auto& line : lines) {
      Json item{{"id", line.node->id},
                {"object", line.object},
                {"status", assess::to_string(line.status)},
                {"owner", line.owner},
                {"due", line.due},
                {"state", due_label(line.state).en}};
      if (line.plan) {
        item["plan"] = Json{{"action", line.plan->action},
                            {"owner", line.plan->owner},
                            {"due_on", line.plan->due_on},
                            {"status", assess::to_string(line.plan->status)}};
      }
      items.push_back(std::move(item));
    }
    print_json(Json{{"format", "etguard.status"},
                    {"format_version", "1.1"},
                    {"today", today},
                    {"cycle", snapshot->cycle},
                    {"deadline", snapshot->deadline},
                    {"overdue", overdue},
                    {"open_plans", planned},
                    {"open_without_plan", unplanned},
                    {"items", items}});
    return overdue > 0 ? kExitFindings : kExitOk;
  }
  const bool zh = context.lang == Lang::kZhTw;
  auto counts_table = [&](const std::string& first, const auto& rows, auto label) {
    Table table({first, zh ? "逾期" : "Overdue", zh ? "30日內" : "Due ≤30d",
                 zh ? "未評估" : "Unassessed", zh ? "有效" : "Current",
                 zh ? "依事件" : "Event-driven"});
    for (const auto& [key, counts] : rows) {
      table.add({label(key), std::to_string(counts[1]), std::to_string(counts[2]),
                 std::to_string(counts[0]), std::to_string(counts[3]), std::to_string(counts[4])});
    }
    print(table.render(terminal_width()));
  };
  print(fmt::format(
      fmt::runtime(zh ? "{} 的狀態（{}）：{} 項適用要求\n\n"
                      : "Status of {} on {}: {} applicable requirement-object pairs\n\n"),
      snapshot->registers.profile.name, today, lines.size()));
  counts_table(zh ? "章" : "Chapter", by_chapter,
               [&](int chapter) { return catalog::chapter_label(chapter, context.lang); });
  print("\n");
  counts_table(zh ? "負責人" : "Owner", by_owner,
               [](std::string_view owner) { return std::string(owner); });
  if (planned > 0) {
    print(fmt::format(
        fmt::runtime(zh ? "\n未完成之改善計畫 {} 項：\n" : "\n{} open remediation plan(s):\n"),
        planned));
    for (const auto& line : lines) {
      if (line.plan) {
        print(
            fmt::format("  {} {}  {}  {} {}{}  [{}]\n", line.node->id, line.object,
                        line.plan->action, zh ? "期限" : "due", line.plan->due_on,
                        line.state == assess::Due::kOverdue ? (zh ? "（逾期）" : " (overdue)") : "",
                        context.tr(assess::describe(line.plan->status))));
      }
    }
  }
  if (unplanned > 0) {
    print(fmt::format(
        fmt::runtime(zh ? "\n{} 項不符合或部分符合尚無改善計畫（etguard result set … --plan）\n"
                        : "\n{} open non-compliance(s) have no remediation plan (etguard result "
                          "set … --plan)\n"),
        unplanned));
  }
  if (overdue > 0) {
    print(fmt::format(fmt::runtime(zh ? "\n逾期 {} 項：\n" : "\n{} overdue:\n"), overdue));
    for (const auto& line : lines) {
      if (line.state == assess::Due::kOverdue) {
        print(fmt::format("  {} {}  {} {}\n", line.node->id, line.object, zh ? "到期日" : "due",
                          line.due));
      }
    }
  }
  return overdue > 0 ? kExitFindings : kExitOk;
}

}  // namespace

void add_result_commands(CLI::App& app, Action& selected, const Help& help) {
  CLI::App* result =
      app.add_subcommand("result", help("Record where a requirement stands", "記錄評估結果"));
  result->require_subcommand(1);
  auto options = std::make_shared<ResultOptions>();
  CLI::App* set = result->add_subcommand(
      "set", help("Set the result for one requirement and object", "設定一項要求與對象之評估結果"));
  set->add_option("id", options->id, help("requirement ID, e.g. ET-20.3", "要求編號，例如 ET-20.3"))
      ->required();
  set->add_option("--object", options->object,
                  help("'org' or a register entry, e.g. mobile_app/trade-app",
                       "'org' 或清冊項目，例如 mobile_app/trade-app"))
      ->capture_default_str();
  set->add_option(
      "--status", options->status,
      help("compliant | partially_compliant | non_compliant | not_applicable | "
           "compensating_control | not_assessed (needed for a first result; a new status is "
           "assessed today unless --assessed says otherwise)",
           "compliant（符合）| partially_compliant（部分符合）| non_compliant（不符合）| "
           "not_applicable（不適用）| compensating_control（補償性措施）| not_assessed（未評估）"
           "（首次記錄時必填；新狀態之評估日期為今日，除非以 --assessed 指定）"));
  set->add_option("--owner", options->owner, help("who is responsible", "負責人"));
  set->add_option(
      "--note", options->note,
      help("notes; the description of a compensating control", "備註；補償性措施之說明"));
  set->add_option("--justification", options->justification,
                  help("why it does not apply (required for not_applicable)",
                       "不適用之理由（not_applicable 必填）"));
  set->add_option("--due", options->due,
                  help("due date YYYY-MM-DD (default: from the requirement's recurrence)",
                       "到期日 YYYY-MM-DD（預設依要求之頻率計算）"));
  set->add_option("--assessed", options->assessed,
                  help("assessment date YYYY-MM-DD", "評估日期 YYYY-MM-DD"));
  set->add_flag("--clear-owner", options->clear_owner, help("remove the owner", "清除負責人"));
  set->add_flag("--clear-note", options->clear_note, help("remove the note", "清除備註"));
  set->add_flag("--clear-justification", options->clear_justification,
                help("remove the justification", "清除理由"));
  set->add_flag("--clear-due", options->clear_due,
                help("remove the due date set by hand (back to the recurrence)",
                     "清除手動設定之到期日（回復依頻率計算）"));
  set->add_option("--plan", options->plan,
                  help("remediation plan: the action that fixes a non-compliance",
                       "改善計畫：改正不符合事項之措施"));
  set->add_option("--plan-owner", options->plan_owner,
                  help("who carries out the plan", "改善計畫之負責人"));
  set->add_option("--plan-due", options->plan_due,
                  help("when the plan is due (YYYY-MM-DD); past it, the item is overdue",
                       "改善計畫之期限（YYYY-MM-DD）；逾此日即為逾期"));
  set->add_option(
      "--plan-status", options->plan_status,
      help("open | in_progress | done", "open（未開始）| in_progress（進行中）| done（已完成）"));
  set->add_flag("--clear-plan", options->clear_plan,
                help("remove the remediation plan", "清除改善計畫"));
  set->footer(help.footer(
      "Only what is given changes; other fields keep their values. Every change is kept in the\n"
      "result's history ('etguard result history').",
      "僅變更所指定之欄位；其他欄位維持原值。每次變更均保存於該結果之歷程\n"
      "（'etguard result history'）。",
      "  etguard result set ET-20.3 --object mobile_app/xingbang-trade --status compliant \\\n"
      "      --owner 數位金融部 --assessed 2026-04-18\n"
      "  etguard result set ET-20.3 --object mobile_app/xingbang-trade --note \"TAF 報告 "
      "2026-04\"\n"
      "  etguard result set ET-8.2.3 --object cloud/trading-dr --clear-due\n"
      "  etguard result set ET-25.2 --object iot/lobby-cam --status non_compliant \\\n"
      "      --plan \"更換預設密碼並關閉 Telnet\" --plan-owner 資訊部 --plan-due 2027-03-31\n"
      "  etguard result set ET-25.2 --object iot/lobby-cam --plan-status done"));
  set->callback([&selected, options] {
    selected = [options](const Context& context) { return run_result_set(context, *options); };
  });
  add_result_history(*result, selected, help);
  auto today = std::make_shared<std::string>();
  CLI::App* status = app.add_subcommand(
      "status", help("What is overdue, due soon and unassessed", "逾期、即將到期及未評估之事項"));
  status->add_option(
      "--today", *today,
      help("evaluate as of this date (YYYY-MM-DD)", "以此日期為基準評估（YYYY-MM-DD）"));
  status->footer(help.footer("Exit 1 when anything is overdue.", "有任何逾期事項時結束碼為 1。",
                             "  etguard status\n  etguard status --today 2027-07-01 --json"));
  status->callback([&selected, today] {
    selected = [today](const Context& context) { return run_status(context, *today); };
  });
}

}  // namespace etguard::cli
