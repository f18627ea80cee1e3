#include "app/scan_authlog.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <span>

#include "app/identifier_mask.h"
#include "authlog/accounts.h"
#include "authlog/analyzer.h"
#include "authlog/ocsf.h"
#include "authlog/report.h"
#include "authlog/rules.h"
#include "checks/authlog/run.h"
#include "checks/output.h"
#include "checks/registry.h"
#include "core/atomic_file.h"
#include "report/authlog_report.h"

namespace etguard::app {
namespace {

using Json = nlohmann::ordered_json;

Result<authlog::Policy> policy_for(const AuthlogScanRequest& request) {
  authlog::Policy policy;
  if (!request.rules.empty()) {
    auto loaded = authlog::load_rules(request.rules);
    if (!loaded) {
      return std::unexpected(loaded.error());
    }
    policy = std::move(*loaded);
  }
  if (request.reorder_window) {
    if (!(*request.reorder_window >= 0)) {
      return fail(ErrorKind::kUsage, "--reorder-window must be 0 or more seconds",
                  "--reorder-window 必須為 0 以上之秒數");
    }
    policy.reorder_window_ms = static_cast<std::int64_t>(*request.reorder_window * 1000);
  }
  return policy;
}

// Findings to the output as they are decided; in OCSF each carries the
// requirements of the check that judges its type.
class FindingEmitter {
 public:
  FindingEmitter(const AuthlogOutput& output, bool ocsf) : output_(&output), ocsf_(ocsf) {}

  void operator()(std::span<const authlog::Finding> findings) {
    for (const authlog::Finding& finding : findings) {
      if (!ocsf_) {
        output_->record(authlog::finding_json(finding));
        continue;
      }
      auto [known, added] = requirements_.try_emplace(finding.type);
      if (added) {
        const check::CheckInfo* judge = checks::authlog_check_for(finding.type);
        known->second = judge == nullptr ? std::span<const std::string_view>{} : judge->node_ids;
      }
      output_->record(authlog::ocsf_finding(finding, known->second));
    }
  }

 private:
  const AuthlogOutput* output_;
  bool ocsf_;
  std::map<std::string, std::span<const std::string_view>> requirements_;  // by finding type
};

Status write_reports(const AuthlogScanRequest& request, const Json& report) {
  if (!request.report_json.empty()) {
    if (Status written = write_file_atomically(
            request.report_json, report.dump(2, ' ', false, Json::error_handler_t::replace) + "\n");
        !written) {
      return written;
    }
  }
  if (!request.report_html.empty()) {
    return write_file_atomically(request.report_html,
                                 report::authlog_report_html(report, request.lang));
  }
  return {};
}

// --year and --timezone for classic syslog, checked; today from `clock`.
Result<authlog::SyslogDating> syslog_dating(const AuthlogScanRequest& request, const Clock& clock) {
  authlog::SyslogDating dating;
  if (request.syslog_year != 0 && (request.syslog_year < 1970 || request.syslog_year > 2199)) {
    return fail(ErrorKind::kUsage,
                fmt::format("--year {}: give a year between 1970 and 2199", request.syslog_year),
                fmt::format("--year {}：年份須介於 1970 與 2199", request.syslog_year));
  }
  dating.year = request.syslog_year;
  if (!request.syslog_timezone.empty()) {
    std::int64_t ms = 0;
    if (!authlog::parse_time("1970-01-02T00:00:00" + request.syslog_timezone, ms)) {
      return fail(
          ErrorKind::kUsage,
          fmt::format("--timezone '{}': give an offset such as +08:00 or Z",
                      request.syslog_timezone),
          fmt::format("--timezone '{}'：請給時差，例如 +08:00 或 Z", request.syslog_timezone));
    }
    dating.utc_offset_minutes = static_cast<int>((86'400'000 - ms) / 60'000);
  }
  const std::string now = clock.utc_now();
  dating.today_year = std::stoi(now.substr(0, 4));
  dating.today_month = std::stoi(now.substr(5, 2));
  return dating;
}

}  // namespace

Result<std::string> authlog_rules(const AuthlogScanRequest& request) {
  auto policy = policy_for(request);
  if (!policy) {
    return std::unexpected(policy.error());
  }
  return authlog::rules_yaml(*policy);
}

Result<AuthlogScan> scan_authlog(const AuthlogScanRequest& request, const AuthlogOutput& output,
                                 const Clock& clock, const Random& random) {
  std::optional<authlog::CsvMapping> mapping;
  if (!request.csv_map.empty()) {
    auto loaded = authlog::load_csv_mapping(request.csv_map);
    if (!loaded) {
      return std::unexpected(loaded.error());
    }
    mapping = std::move(*loaded);
  }
  auto policy = policy_for(request);
  if (!policy) {
    return std::unexpected(policy.error());
  }
  // The report and the checks' findings are kept as evidence and read by
  // people: accounts named by national ID numbers appear by pseudonym. The
  // records on stdout feed the operator's SIEM and keep the names unless
  // --mask-identifiers asks for the same pseudonyms there.
  auto mask = IdentifierMask::create(random);
  if (!mask) {
    return std::unexpected(mask.error());
  }
  std::optional<Error> mask_failed;
  AuthlogOutput out = output;
  if (request.mask_identifiers) {
    out.record = [&](const nlohmann::ordered_json& record) {
      nlohmann::ordered_json masked = record;
      if (Status done = mask->json(masked); !done) {
        mask_failed = done.error();
        return;
      }
      output.record(masked);
    };
  }
  AuthlogScan scan;
  const std::string started = clock.utc_now();
  authlog::Interner strings;
  scan.reorder_seconds = static_cast<double>(policy->reorder_window_ms) / 1000;
  authlog::Analyzer analyzer(strings, *policy);
  if (!request.accounts.empty()) {
    auto loaded = authlog::load_accounts(request.accounts, strings, analyzer, scan.problems);
    if (!loaded) {
      return std::unexpected(loaded.error());
    }
  }
  if (request.ocsf) {
    analyzer.on_processed([&](const authlog::Event& event) {
      if (authlog::is_authentication(event)) {
        out.record(authlog::ocsf_authentication(event, strings));
      }
    });
  }
  FindingEmitter emit(out, request.ocsf);
  auto dating = syslog_dating(request, clock);
  if (!dating) {
    return std::unexpected(dating.error());
  }
  // OCSF records name the user and address of every login and logout.
  const authlog::ActionSet named =
      request.ocsf ? authlog::kEveryAction : authlog::Analyzer::actions_with_names();
  authlog::EventInput input(strings, mapping ? &*mapping : nullptr, *dating, named);
  authlog::Follow follow{request.stop, [&] {
                           emit(analyzer.newly_decided());
                           out.idle();
                         }};
  const std::vector<std::string> inputs =
      request.inputs.empty() ? std::vector<std::string>{"-"} : request.inputs;
  for (const std::string& path : inputs) {
    auto read = input.read(
        path, [&](const authlog::Event& event) { analyzer.add(event); }, scan.problems,
        request.follow ? &follow : nullptr);
    if (!read) {
      return std::unexpected(read.error());
    }
  }
  if (input.events() == 0 && !request.follow) {
    // An empty, binary or wrong-format input must not pass as a quiet day.
    const std::string names = fmt::format("{}", fmt::join(inputs, ", "));
    return fail(ErrorKind::kInput,
                fmt::format("no authentication event was read from {} ({} malformed line(s)); is "
                            "it JSON Lines, a mapped CSV (--csv-map) or an auth.log?",
                            names, scan.problems.size()),
                fmt::format("未自 {} 讀到任何身分驗證事件（{} 行格式錯誤）；輸入應為 JSON Lines、"
                            "以 --csv-map 對應之 CSV 或 auth.log",
                            names, scan.problems.size()));
  }
  scan.notes = input.notes();
  analyzer.finish();
  emit(analyzer.newly_decided());
  scan.late = analyzer.reordered_too_late();
  scan.far_ahead = analyzer.far_ahead();
  scan.findings = analyzer.findings().size();
  if (request.strict && !scan.problems.empty()) {
    return scan;  // the caller reports the lines and refuses
  }

  const std::uint64_t events = input.events();
  authlog::ReportSource source{inputs, request.accounts, events, scan.problems.size(), started};
  scan.report =
      authlog::daily_report(source, analyzer.summary(), analyzer.detail(authlog::kReportTop),
                            analyzer.findings(), Json::array());
  Json notes = Json::array();
  for (const authlog::InputNote& note : scan.notes) {
    notes.push_back(Json{{"en", note.en}, {"zh", note.zh}});
  }
  scan.report["input_notes"] = notes;
  const authlog_checks::DayResult day{&analyzer.findings(), &analyzer.summary(), events,
                                      scan.problems.size(), &scan.report};
  scan.checks = authlog_checks::run_authlog_checks(day, fmt::format("{}", fmt::join(inputs, " ")),
                                                   started, clock.utc_now());
  if (request.ocsf) {
    for (const check::Finding& finding : scan.checks) {
      out.record(check::ocsf_detection_finding(finding));
    }
  }
  for (check::Finding& finding : scan.checks) {
    if (Status masked = mask->finding(finding); !masked) {
      return std::unexpected(masked.error());
    }
    scan.report["checks"].push_back(check::finding_json(finding));
  }
  if (Status masked = mask->json(scan.report); !masked) {
    return std::unexpected(masked.error());
  }
  if (!request.ocsf) {
    out.record(authlog::summary_json(analyzer.summary()));
  }
  out.idle();
  if (mask_failed) {
    return std::unexpected(*mask_failed);
  }
  if (Status written = write_reports(request, scan.report); !written) {
    return std::unexpected(written.error());
  }
  return scan;
}

}  // namespace etguard::app
