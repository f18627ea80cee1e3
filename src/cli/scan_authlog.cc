// etguard scan authlog EVENTS... --accounts SNAPSHOT — the Art. 35–37
// authentication-log analyzer (docs/authlog.md): JSON Lines, CSV (through a
// column mapping) or the sshd lines of an auth.log in; findings and the daily
// summary out as JSON Lines, or Authentication events and Detection Findings
// as OCSF; the Art. 36(7) daily report as HTML and JSON; the verdicts of the
// authlog.* checks as workspace evidence. --follow reads a growing log.
#include <fmt/format.h>
#include <signal.h>

#include <atomic>
#include <map>
#include <optional>

#include "authlog/accounts.h"
#include "authlog/analyzer.h"
#include "authlog/input.h"
#include "authlog/ocsf.h"
#include "authlog/report.h"
#include "authlog/rules.h"
#include "check/output.h"
#include "checks/registry.h"
#include "cli/command.h"
#include "cli/scan_import.h"
#include "core/atomic_file.h"
#include "core/clock.h"
#include "report/authlog_report.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

struct AuthlogOptions {
  std::vector<std::string> events;
  std::string accounts;
  std::string format = "jsonl";
  std::string csv_map;
  std::string rules;
  bool print_rules = false;
  std::optional<double> reorder_window;  // overrides the rules
  bool follow = false;
  bool strict = false;
  bool import = false;
  std::string object;
  std::string report_html;
  std::string report_json;
};

std::atomic<bool> stop_requested{false};

extern "C" void request_stop(int /*signal*/) {
  stop_requested.store(true);
}

// SIGINT and SIGTERM end a followed input gracefully (the day is still
// finished and reported); without SA_RESTART a read waiting on stdin returns.
void stop_on_signals() {
  struct sigaction action{};
  action.sa_handler = request_stop;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
}

// JSON Lines to stdout through one buffer: a million OCSF records are not a
// million writes. flush() when a followed input goes idle.
class LineWriter {
 public:
  void line(const Json& record) {
    buffer_ += record.dump(-1, ' ', false, Json::error_handler_t::replace);
    buffer_ += '\n';
    if (buffer_.size() > (std::size_t{1} << 20U)) {
      flush();
    }
  }
  void flush() {
    if (!buffer_.empty()) {
      print(buffer_);
      std::fflush(stdout);
      buffer_.clear();
    }
  }

 private:
  std::string buffer_;
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

void report_problems(const Context& context, const std::vector<authlog::LineProblem>& problems,
                     std::uint64_t late, double window) {
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
}

Status write_reports(const Context& context, const AuthlogOptions& options, const Json& report) {
  if (!options.report_json.empty()) {
    if (Status written = write_file_atomically(
            options.report_json, report.dump(2, ' ', false, Json::error_handler_t::replace) + "\n");
        !written) {
      return written;
    }
  }
  if (!options.report_html.empty()) {
    return write_file_atomically(options.report_html,
                                 report::authlog_report_html(report, context.lang));
  }
  return {};
}

Result<int> run_scan_authlog(const Context& context, const AuthlogOptions& options) {
  if (options.format != "jsonl" && options.format != "ocsf") {
    return usage_error(fmt::format("unknown --format '{}'; use jsonl or ocsf", options.format),
                       fmt::format("未知的 --format '{}'；請用 jsonl 或 ocsf", options.format));
  }
  std::optional<authlog::CsvMapping> mapping;
  if (!options.csv_map.empty()) {
    auto loaded = authlog::load_csv_mapping(options.csv_map);
    if (!loaded) {
      return std::unexpected(loaded.error());
    }
    mapping = std::move(*loaded);
  }
  authlog::Policy policy;
  if (!options.rules.empty()) {
    auto loaded = authlog::load_rules(options.rules);
    if (!loaded) {
      return std::unexpected(loaded.error());
    }
    policy = std::move(*loaded);
  }
  if (options.reorder_window) {
    if (!(*options.reorder_window >= 0)) {
      return usage_error("--reorder-window must be 0 or more seconds",
                         "--reorder-window 必須為 0 以上之秒數");
    }
    policy.reorder_window_ms = static_cast<std::int64_t>(*options.reorder_window * 1000);
  }
  if (options.print_rules) {
    print(authlog::rules_yaml(policy));
    return kExitOk;
  }
  const std::string started = utc_now();
  authlog::Interner strings;
  const double reorder_seconds = static_cast<double>(policy.reorder_window_ms) / 1000;
  authlog::Analyzer analyzer(strings, policy);
  std::vector<authlog::LineProblem> problems;
  if (!options.accounts.empty()) {
    auto loaded = authlog::load_accounts(options.accounts, strings, analyzer, problems);
    if (!loaded) {
      return std::unexpected(loaded.error());
    }
  }

  const bool ocsf = options.format == "ocsf";
  LineWriter out;
  if (ocsf) {
    analyzer.on_processed([&](const authlog::Event& event) {
      if (authlog::is_authentication(event)) {
        out.line(authlog::ocsf_authentication(event, strings));
      }
    });
  }
  std::map<std::string, std::span<const std::string_view>> requirements;  // by finding type
  const auto emit = [&](std::span<const authlog::Finding> findings) {
    for (const authlog::Finding& finding : findings) {
      if (!ocsf) {
        out.line(authlog::finding_json(finding));
        continue;
      }
      auto [known, added] = requirements.try_emplace(finding.type);
      if (added) {
        const check::CheckInfo* judge = checks::authlog_check_for(finding.type);
        known->second = judge == nullptr ? std::span<const std::string_view>{} : judge->node_ids;
      }
      out.line(authlog::ocsf_finding(finding, known->second));
    }
  };

  authlog::EventInput input(strings, mapping ? &*mapping : nullptr);
  authlog::Follow follow{&stop_requested, [&] {
                           emit(analyzer.newly_decided());
                           out.flush();
                         }};
  if (options.follow) {
    stop_on_signals();
  }
  const std::vector<std::string> inputs =
      options.events.empty() ? std::vector<std::string>{"-"} : options.events;
  for (const std::string& path : inputs) {
    auto read = input.read(
        path, [&](const authlog::Event& event) { analyzer.add(event); }, problems,
        options.follow ? &follow : nullptr);
    if (!read) {
      return std::unexpected(read.error());
    }
  }
  analyzer.finish();
  emit(analyzer.newly_decided());
  report_problems(context, problems, analyzer.reordered_too_late(), reorder_seconds);
  if (options.strict && !problems.empty()) {
    out.flush();
    return fail(ErrorKind::kInput, fmt::format("{} malformed line(s) (--strict)", problems.size()),
                fmt::format("{} 行格式錯誤（--strict）", problems.size()));
  }

  const std::uint64_t events = input.events();
  authlog::ReportSource source{inputs, options.accounts, events, problems.size(), started};
  Json report =
      authlog::daily_report(source, analyzer.summary(), analyzer.detail(authlog::kReportTop),
                            analyzer.findings(), Json::array());
  const authlog_checks::DayResult day{&analyzer.findings(), &analyzer.summary(), events,
                                      problems.size(), &report};
  std::string target;
  for (const std::string& path : inputs) {
    target += (target.empty() ? "" : " ") + path;
  }
  std::vector<check::Finding> judged = check_findings(day, target, started);
  for (const check::Finding& finding : judged) {
    report["checks"].push_back(check::finding_json(finding));
    if (ocsf) {
      out.line(check::ocsf_detection_finding(finding));
    }
  }
  if (!ocsf) {
    out.line(authlog::summary_json(analyzer.summary()));
  }
  out.flush();
  if (Status written = write_reports(context, options, report); !written) {
    return std::unexpected(written.error());
  }
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
  authlog->add_option(
      "events", options->events,
      "JSON Lines events, CSV exports (with --csv-map) or auth.log (sshd) files, plain or gzip "
      "(default: stdin)");
  authlog->add_option("--accounts", options->accounts,
                      "account-directory snapshot at 00:00 (JSON Lines, plain or gzip)");
  authlog
      ->add_option("--format", options->format,
                   "jsonl (findings and the daily summary) | ocsf (Authentication 3002 per login "
                   "and logout, Detection Finding 2004 per finding and per check)")
      ->capture_default_str();
  authlog->add_option("--csv-map", options->csv_map,
                      "column mapping (YAML) for CSV inputs; see docs/authlog-input.md#csv");
  authlog->add_option("--report", options->report_html,
                      "write the Art. 36(7) daily report as HTML (in --lang)");
  authlog->add_option("--report-json", options->report_json,
                      "write the daily report as JSON (etguard.authlog.daily_report 1.0)");
  authlog->add_option("--rules", options->rules,
                      "thresholds and windows of the rules (YAML; any subset of --print-rules)");
  authlog->add_flag("--print-rules", options->print_rules,
                    "write the rules in force (the defaults, or --rules over them) and exit");
  authlog->add_option("--reorder-window", options->reorder_window,
                      "seconds of out-of-order delivery absorbed (default 300)");
  authlog->add_flag("--follow", options->follow,
                    "keep reading a growing file (or stdin) and write findings as they become "
                    "certain; Ctrl-C or SIGTERM ends the day");
  authlog->add_flag("--strict", options->strict, "a malformed line is an error");
  authlog->add_flag("--import", options->import,
                    "record the verdicts of the authlog.* checks as evidence (ET-35.1, ET-36.5, "
                    "ET-36.6, ET-36.7, ET-37.2); ET-36.7 keeps the daily report");
  authlog->add_option("--object", options->object, "register object for --import (SUBJECT/ID)");
  authlog->footer(
      "Exit 0 when nothing is found, 1 when findings exist, 2 on bad input.\n"
      "Examples:\n"
      "  etguard scan authlog events.jsonl.gz --accounts accounts.jsonl.gz > findings.jsonl\n"
      "  etguard scan authlog --print-rules > rules.yaml    # edit, then --rules rules.yaml\n"
      "  zcat day.jsonl.gz | etguard scan authlog --accounts accounts.jsonl.gz\n"
      "  etguard scan authlog /var/log/auth.log    # sshd lines: the attack rules\n"
      "  etguard scan authlog export.csv --csv-map docs/examples/authlog-csv-map.yaml\n"
      "  etguard scan authlog day.jsonl.gz --accounts a.jsonl.gz --format ocsf > siem.jsonl\n"
      "  etguard --lang zh-TW scan authlog day.jsonl.gz --accounts a.jsonl.gz --report day.html\n"
      "  etguard scan authlog /var/log/etauth/today.jsonl --accounts a.jsonl --follow\n"
      "  etguard scan authlog day.jsonl.gz --accounts a.jsonl.gz --import --object "
      "trading/web-trading");
  authlog->callback([&selected, options] {
    selected = [options](const Context& context) { return run_scan_authlog(context, *options); };
  });
}

}  // namespace etguard::cli
