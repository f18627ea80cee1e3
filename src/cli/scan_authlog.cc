// etguard scan authlog EVENTS... --accounts SNAPSHOT — the Art. 35–37
// authentication-log analyzer (docs/authlog.md): ECS-like JSON Lines or sshd
// lines of an auth.log in, findings and the daily summary out, or the verdicts
// of the authlog.* checks as OCSF and as workspace evidence. CSV input, the
// HTML report and --follow are still to come (issue 5).
#include <fmt/format.h>

#include <chrono>
#include <optional>

#include "authlog/accounts.h"
#include "authlog/analyzer.h"
#include "authlog/parse_jsonl.h"
#include "authlog/parse_syslog.h"
#include "authlog/reader.h"
#include "check/output.h"
#include "checks/registry.h"
#include "cli/command.h"
#include "cli/scan_import.h"
#include "core/clock.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

struct AuthlogOptions {
  std::vector<std::string> events;
  std::string accounts;
  std::string format = "jsonl";
  double reorder_window = 300;
  bool strict = false;
  bool import = false;
  std::string object;
};

// The day as the authlog.* checks judge it (ET-35.1, 36.5, 36.6, 36.7, 37.2).
std::vector<check::Finding> check_findings(const authlog_checks::DayResult& day,
                                           const std::string& target, const std::string& started) {
  std::vector<check::Finding> findings;
  for (const authlog_checks::AuthlogCheck& entry : checks::authlog_checks()) {
    check::Finding finding;
    finding.check = &entry.metadata();
    finding.target = target;
    finding.assessment = entry.evaluate(day);
    finding.started_at = started;
    finding.finished_at = utc_now();
    findings.push_back(std::move(finding));
  }
  return findings;
}

Json finding_json(const authlog::Finding& finding) {
  Json ids = Json::array();
  for (const std::uint64_t id : finding.event_ids) {
    ids.push_back(fmt::format("{:016x}", id));
  }
  return Json{{"type", finding.type},
              {"accounts", finding.accounts},
              {"ips", finding.ips},
              {"start", authlog::format_time(finding.start_ms)},
              {"end", authlog::format_time(finding.end_ms)},
              {"event_ids", ids}};
}

Json summary_json(const authlog::DailySummary& summary) {
  Json by_reason = Json::object();
  for (const auto& [reason, count] : summary.failure_by_reason) {
    by_reason[reason] = count;
  }
  Json by_service = Json::object();
  for (const auto& [service, count] : summary.failure_by_service) {
    by_service[service] = count;
  }
  return Json{{"type", "daily_summary"},
              {"metrics",
               {{"login_success_total", summary.login_success_total},
                {"login_failure_total", summary.login_failure_total},
                {"login_failure_by_reason", by_reason},
                {"login_failure_by_service", by_service},
                {"unknown_account_attempts", summary.unknown_account_attempts},
                {"unknown_account_distinct_names", summary.unknown_account_distinct_names},
                {"unknown_account_distinct_ips", summary.unknown_account_distinct_ips},
                {"account_locks", summary.account_locks},
                {"account_unlocks", summary.account_unlocks}}}};
}

Result<int> run_scan_authlog(const Context& context, const AuthlogOptions& options) {
  if (options.format != "jsonl" && options.format != "ocsf") {
    return usage_error(fmt::format("unknown --format '{}'; use jsonl or ocsf", options.format),
                       fmt::format("未知的 --format '{}'；請用 jsonl 或 ocsf", options.format));
  }
  const std::string started = utc_now();
  std::uint64_t events = 0;
  authlog::Interner strings;
  authlog::Policy policy;
  policy.reorder_window_ms = static_cast<std::int64_t>(options.reorder_window * 1000);
  authlog::Analyzer analyzer(strings, policy);
  std::vector<authlog::LineProblem> problems;
  if (!options.accounts.empty()) {
    auto loaded = authlog::load_accounts(options.accounts, strings, analyzer, problems);
    if (!loaded) {
      return std::unexpected(loaded.error());
    }
  }
  authlog::JsonlParser parser(strings);
  authlog::Event event;
  std::string problem;
  const std::vector<std::string> inputs =
      options.events.empty() ? std::vector<std::string>{"-"} : options.events;
  for (const std::string& path : inputs) {
    std::optional<bool> json_file;
    auto read = authlog::for_each_line(
        path, [&](std::string_view text, std::size_t capacity, std::uint32_t number) {
          // JSON Lines or the sshd lines of an auth.log, told apart by the first
          // line of each file: in an auth.log other programs' lines are skipped,
          // in JSON Lines every line must be an event.
          if (!json_file) {
            json_file = text.front() == '{';
          }
          if (!*json_file) {
            switch (authlog::parse_syslog(text, strings, event, problem)) {
              case authlog::SyslogLine::kEvent:
                analyzer.add(event);
                ++events;
                break;
              case authlog::SyslogLine::kIgnored:
                break;
              case authlog::SyslogLine::kBad:
                problems.push_back({path, number, problem});
                break;
            }
          } else if (parser.parse(text, capacity, event, problem)) {
            analyzer.add(event);
            ++events;
          } else {
            problems.push_back({path, number, problem});
          }
        });
    if (!read) {
      return std::unexpected(read.error());
    }
  }
  analyzer.finish();
  for (const authlog::LineProblem& bad : problems) {
    fmt::print(
        stderr, "{}\n",
        context.lang == Lang::kZhTw
            ? fmt::format("etguard: {}:{}：略過格式錯誤之行：{}", bad.file, bad.line, bad.message)
            : fmt::format("etguard: {}:{}: skipped a malformed line: {}", bad.file, bad.line,
                          bad.message));
  }
  if (const std::uint64_t late = analyzer.reordered_too_late(); late > 0) {
    fmt::print(stderr, "{}\n",
               context.lang == Lang::kZhTw
                   ? fmt::format("etguard: {} 筆事件晚於重排窗口（{} 秒）到達，已依到達順序處理",
                                 late, options.reorder_window)
                   : fmt::format("etguard: {} event(s) arrived later than the reorder window "
                                 "({} s) and were taken in arrival order",
                                 late, options.reorder_window));
  }
  if (options.strict && !problems.empty()) {
    return fail(ErrorKind::kInput, fmt::format("{} malformed line(s) (--strict)", problems.size()),
                fmt::format("{} 行格式錯誤（--strict）", problems.size()));
  }
  const authlog_checks::DayResult day{&analyzer.findings(), &analyzer.summary(), events,
                                      problems.size()};
  std::string target;
  for (const std::string& path : inputs) {
    target += (target.empty() ? "" : " ") + path;
  }
  std::vector<check::Finding> judged = check_findings(day, target, started);
  std::string out;
  if (options.format == "ocsf") {
    for (const check::Finding& finding : judged) {
      out += check::ocsf_detection_finding(finding).dump(-1, ' ', false,
                                                         Json::error_handler_t::replace) +
             "\n";
    }
  } else {
    for (const authlog::Finding& finding : analyzer.findings()) {
      out += finding_json(finding).dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
    }
    out += summary_json(analyzer.summary()).dump(-1, ' ', false, Json::error_handler_t::replace) +
           "\n";
  }
  print(out);
  if (options.import) {
    ImportRequest request;
    request.object = options.object;
    request.findings = std::move(judged);
    if (auto imported = import_findings(context, request); !imported) {
      return std::unexpected(imported.error());
    }
  }
  return analyzer.findings().empty() ? kExitOk : kExitFindings;
}

}  // namespace

void add_scan_authlog(CLI::App& scan, Action& selected) {
  auto options = std::make_shared<AuthlogOptions>();
  CLI::App* authlog =
      scan.add_subcommand("authlog", "Authentication-log analyzer (Art. 35-37) / 身分驗證日誌分析");
  authlog->add_option("events", options->events,
                      "JSON Lines events or auth.log (sshd) files, plain or gzip (default: stdin)");
  authlog->add_option("--accounts", options->accounts,
                      "account-directory snapshot at 00:00 (JSON Lines, plain or gzip)");
  authlog
      ->add_option("--format", options->format,
                   "jsonl (findings and the daily summary) | ocsf (one Detection Finding per "
                   "check)")
      ->capture_default_str();
  authlog
      ->add_option("--reorder-window", options->reorder_window,
                   "seconds of out-of-order delivery absorbed")
      ->capture_default_str();
  authlog->add_flag("--strict", options->strict, "a malformed line is an error");
  authlog->add_flag("--import", options->import,
                    "record the verdicts of the authlog.* checks as evidence (ET-35.1, ET-36.5, "
                    "ET-36.6, ET-36.7, ET-37.2)");
  authlog->add_option("--object", options->object, "register object for --import (SUBJECT/ID)");
  authlog->footer(
      "Exit 0 when nothing is found, 1 when findings exist, 2 on bad input.\n"
      "Examples:\n"
      "  etguard scan authlog events.jsonl.gz --accounts accounts.jsonl.gz > findings.jsonl\n"
      "  zcat day.jsonl.gz | etguard scan authlog --accounts accounts.jsonl.gz\n"
      "  etguard scan authlog /var/log/auth.log    # sshd lines: the attack rules\n"
      "  etguard scan authlog day.jsonl.gz --accounts a.jsonl.gz --format ocsf > siem.jsonl\n"
      "  etguard scan authlog day.jsonl.gz --accounts a.jsonl.gz --import --object "
      "trading/web-trading");
  authlog->callback([&selected, options] {
    selected = [options](const Context& context) { return run_scan_authlog(context, *options); };
  });
}

}  // namespace etguard::cli
