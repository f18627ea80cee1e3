// etguard scan authlog EVENTS... --accounts SNAPSHOT — the Art. 35–37
// authentication-log analyzer (docs/authlog.md): JSON Lines, CSV (through a
// column mapping) or the sshd lines of an auth.log in; findings and the daily
// summary out as JSON Lines, or Authentication events and Detection Findings
// as OCSF; the Art. 36(7) daily report as HTML and JSON; the verdicts of the
// authlog.* checks as workspace evidence. --follow reads a growing log.
#include "app/scan_authlog.h"

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/interrupt.h"
#include "cli/json_lines.h"
#include "cli/scan_import.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

struct AuthlogOptions {
  app::AuthlogScanRequest request;
  std::string format = "jsonl";
  bool print_rules = false;
  bool import = false;
  app::PushTarget push;
  std::string object;
};

void report_problems(const Context& context, const app::AuthlogScan& scan) {
  const auto& problems = scan.problems;
  const std::uint64_t late = scan.late;
  const double window = scan.reorder_seconds;
  for (const authlog::InputNote& note : scan.notes) {
    fmt::print(stderr, "etguard: {}\n", context.lang == Lang::kZhTw ? note.zh : note.en);
  }
  for (const authlog::LineProblem& bad : problems) {
    fmt::print(
        stderr, "{}\n",
        context.lang == Lang::kZhTw
            ? fmt::format("etguard: {}:{}：略過格式錯誤之行：{}", bad.file, bad.line, bad.message)
            : fmt::format("etguard: {}:{}: skipped a malformed line: {}", bad.file, bad.line,
                          bad.message));
  }
  if (late > 0) {
    fmt::print(stderr, "{}\n",
               context.lang == Lang::kZhTw
                   ? fmt::format("etguard: {} 筆事件晚於重排窗口（{} 秒）到達，已依到達順序處理",
                                 late, window)
                   : fmt::format("etguard: {} event(s) arrived later than the reorder window "
                                 "({} s) and were taken in arrival order",
                                 late, window));
  }
  if (scan.far_ahead > 0) {
    fmt::print(stderr, "{}\n",
               context.lang == Lang::kZhTw
                   ? fmt::format("etguard: {} 筆事件時間遠超前其他事件（時鐘錯誤？），已留至當日"
                                 "結束才處理",
                                 scan.far_ahead)
                   : fmt::format("etguard: {} event(s) far ahead of the others (a wrong clock?) "
                                 "were kept aside and taken at the end of the day",
                                 scan.far_ahead));
  }
}

Result<int> run_scan_authlog(const Context& context, AuthlogOptions options) {
  if (options.format != "jsonl" && options.format != "ocsf") {
    return usage_error(fmt::format("unknown --format '{}'; use jsonl or ocsf", options.format),
                       fmt::format("未知的 --format '{}'；請用 jsonl 或 ocsf", options.format));
  }
  if (options.print_rules) {
    auto rules = app::authlog_rules(options.request);
    if (!rules) {
      return std::unexpected(rules.error());
    }
    print(*rules);
    return kExitOk;
  }
  options.request.ocsf = options.format == "ocsf";
  options.request.lang = context.lang;
  if (options.request.follow) {
    options.request.stop = &stop_on_signals();
  }
  JsonLinesWriter out;
  auto scan = app::scan_authlog(
      options.request, {[&out](const Json& record) { out.line(record); }, [&out] { out.flush(); }});
  if (!scan) {
    return std::unexpected(scan.error());
  }
  report_problems(context, *scan);
  out.flush();
  if (options.request.strict && !scan->problems.empty()) {
    return fail(ErrorKind::kInput,
                fmt::format("{} malformed line(s) (--strict)", scan->problems.size()),
                fmt::format("{} 行格式錯誤（--strict）", scan->problems.size()));
  }
  if (options.import || !options.push.url.empty()) {
    // The evidence covers the log's day, not the day it was analysed.
    const std::string day = scan->report.value("day", std::string());
    if (auto imported = import_scan_findings(
            context, {std::move(scan->checks), options.object, day, day}, options.push);
        !imported) {
      return std::unexpected(imported.error());
    }
  }
  return scan->findings == 0 ? kExitOk : kExitFindings;
}

}  // namespace

void add_scan_authlog(CLI::App& scan, Action& selected, const Help& help) {
  auto options = std::make_shared<AuthlogOptions>();
  CLI::App* authlog = scan.add_subcommand(
      "authlog",
      help("Authentication-log analyzer (Art. 35-37)", "身分驗證日誌分析（第三十五至三十七條）"));
  authlog->add_option(
      "events", options->request.inputs,
      help("JSON Lines events, CSV exports (with --csv-map) or auth.log (sshd) files, plain or "
           "gzip (default: stdin)",
           "JSON Lines 事件、CSV 匯出檔（搭配 --csv-map）或 auth.log（sshd）檔，純文字或 gzip"
           "（預設為標準輸入）"));
  authlog->add_option("--accounts", options->request.accounts,
                      help("account-directory snapshot at 00:00 (JSON Lines, plain or gzip)",
                           "00:00 之帳號目錄快照（JSON Lines，純文字或 gzip）"));
  authlog
      ->add_option("--format", options->format,
                   help("jsonl (findings and the daily summary) | ocsf (Authentication 3002 per "
                        "login and logout, Detection Finding 2004 per finding and per check)",
                        "jsonl（發現事項與每日摘要）| ocsf（每次登入登出一筆 Authentication 3002，"
                        "每項發現事項與檢測一筆 Detection Finding 2004）"))
      ->capture_default_str();
  authlog->add_option("--csv-map", options->request.csv_map,
                      help("column mapping (YAML) for CSV inputs; see docs/authlog-input.md#csv",
                           "CSV 輸入之欄位對應（YAML）；見 docs/authlog-input.md#csv"));
  authlog->add_option("--report", options->request.report_html,
                      help("write the Art. 36(7) daily report as HTML (in --lang)",
                           "以 HTML 寫出第三十六條第七款之每日報表（依 --lang 語言）"));
  authlog->add_option("--report-json", options->request.report_json,
                      help("write the daily report as JSON (etguard.authlog.daily_report 1.0)",
                           "以 JSON 寫出每日報表（etguard.authlog.daily_report 1.0）"));
  authlog->add_option("--rules", options->request.rules,
                      help("thresholds and windows of the rules (YAML; any subset of "
                           "--print-rules)",
                           "規則之門檻與時間窗（YAML；可為 --print-rules 之任一部分）"));
  authlog->add_flag("--print-rules", options->print_rules,
                    help("write the rules in force (the defaults, or --rules over them) and exit",
                         "寫出目前生效之規則（預設值，或以 --rules 覆寫後者）後結束"));
  authlog->add_option("--reorder-window", options->request.reorder_window,
                      help("seconds of out-of-order delivery absorbed (default 300)",
                           "可容許之亂序送達秒數（預設 300）"));
  authlog->add_option("--year", options->request.syslog_year,
                      help("the year of classic syslog lines (\"Dec  2 01:00:00\"), which carry "
                           "none; default: each file's modification time",
                           "傳統 syslog 行（\"Dec  2 01:00:00\"）未含年份時所用之年份；"
                           "預設依各檔之修改時間"));
  authlog->add_option("--timezone", options->request.syslog_timezone,
                      help("the zone of classic syslog lines, e.g. +08:00; default: this machine's",
                           "傳統 syslog 行之時區，例如 +08:00；預設為本機時區"));
  authlog->add_flag("--follow", options->request.follow,
                    help("keep reading a growing file (or stdin) and write findings as they "
                         "become certain; Ctrl-C or SIGTERM ends the day",
                         "持續讀取成長中之檔案（或標準輸入），發現事項確定即寫出；"
                         "Ctrl-C 或 SIGTERM 結束當日"));
  authlog->add_flag("--mask-identifiers", options->request.mask_identifiers,
                    help("name accounts that are personal identifiers (national ID numbers) by "
                         "pseudonym on stdout too, as the report and evidence always do; one "
                         "account keeps one pseudonym within the run",
                         "標準輸出亦以假名呈現屬個人識別碼之帳號（身分證字號），與報表及佐證資料"
                         "相同；同一帳號於同次執行中假名不變"));
  authlog->add_flag("--strict", options->request.strict,
                    help("a malformed line is an error", "格式錯誤之行即視為錯誤"));
  authlog->add_flag("--import", options->import,
                    help("record the verdicts of the authlog.* checks as evidence (ET-35.1, "
                         "ET-36.5, ET-36.6, ET-36.7, ET-37.2); ET-36.7 keeps the daily report",
                         "將 authlog.* 檢測之判定記為佐證資料（ET-35.1、ET-36.5、ET-36.6、"
                         "ET-36.7、ET-37.2）；ET-36.7 保存每日報表"));
  add_push_options(*authlog, options->push, help);
  authlog->add_option(
      "--object", options->object,
      help("register object for --import (SUBJECT/ID)", "--import 所對應之清冊對象（類別/編號）"));
  authlog->footer(help.footer(
      "Exit 0 when nothing is found, 1 when findings exist, 2 on bad input.",
      "無發現事項時結束碼為 0，有發現事項時為 1，輸入錯誤時為 2。",
      "  etguard scan authlog events.jsonl.gz --accounts accounts.jsonl.gz > findings.jsonl\n"
      "  etguard scan authlog --print-rules > rules.yaml    # edit, then --rules rules.yaml\n"
      "  zcat day.jsonl.gz | etguard scan authlog --accounts accounts.jsonl.gz\n"
      "  etguard scan authlog /var/log/auth.log    # sshd lines: the attack rules\n"
      "  etguard scan authlog export.csv --csv-map docs/examples/authlog-csv-map.yaml\n"
      "  etguard scan authlog day.jsonl.gz --accounts a.jsonl.gz --format ocsf > siem.jsonl\n"
      "  etguard --lang zh-TW scan authlog day.jsonl.gz --accounts a.jsonl.gz --report day.html\n"
      "  etguard scan authlog /var/log/etauth/today.jsonl --accounts a.jsonl --follow\n"
      "  etguard scan authlog day.jsonl.gz --accounts a.jsonl.gz --import --object "
      "trading/web-trading"));
  authlog->callback([&selected, options] {
    selected = [options](const Context& context) { return run_scan_authlog(context, *options); };
  });
}

}  // namespace etguard::cli
