// Verify: the Art. 35–37 authentication-log analysis of one day — events in
// (JSON Lines, CSV through a column mapping, or auth.log sshd lines; plain,
// gzip or a followed file), the policy and attack rules, the authlog.*
// checks on the day, the Art. 36(7) daily report.
#pragma once

#include <atomic>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "authlog/input.h"
#include "checks/check.h"
#include "core/clock.h"
#include "core/lang.h"
#include "core/random.h"
#include "core/result.h"

namespace etguard::app {

struct AuthlogScanRequest {
  std::vector<std::string> inputs;       // files; empty or "-": standard input
  std::string accounts;                  // account-directory snapshot
  std::string csv_map;                   // column mapping for CSV inputs
  std::string rules;                     // rules file over the defaults
  std::optional<double> reorder_window;  // seconds; overrides the rules
  int syslog_year = 0;                   // classic syslog's year; 0: each file's time
  std::string syslog_timezone;           // classic syslog's zone ("+08:00"); empty: local
  bool ocsf = false;                     // OCSF records instead of etguard's JSON Lines
  bool strict = false;                   // a malformed line is an error
  bool follow = false;                   // keep reading growing inputs until *stop
  bool mask_identifiers = false;         // pseudonyms for identifiers on stdout too
  const std::atomic<bool>* stop = nullptr;
  std::string report_json;  // write the Art. 36(7) daily report here as JSON
  std::string report_html;  // and as HTML, in `lang`
  Lang lang = Lang::kEn;
};

// Where records go as they become certain; `idle` when a followed input waits.
struct AuthlogOutput {
  std::function<void(const nlohmann::ordered_json& record)> record;
  std::function<void()> idle;
};

struct AuthlogScan {
  std::vector<authlog::LineProblem> problems;  // malformed lines, located
  std::vector<authlog::InputNote> notes;       // what was assumed about an input
  std::uint64_t late = 0;                      // events later than the reorder window
  std::uint64_t far_ahead = 0;                 // events kept aside: far ahead of the rest
  double reorder_seconds = 0;
  std::size_t findings = 0;
  nlohmann::ordered_json report;       // etguard.authlog.daily_report, with the checks
  std::vector<check::Finding> checks;  // the authlog.* verdicts on the day
};

// The rules in force (the defaults, or the rules file over them) as YAML.
[[nodiscard]] Result<std::string> authlog_rules(const AuthlogScanRequest& request);

// `clock` dates the report and the checks' findings.
// `random` keys the pseudonyms of the report (identifier_mask.h).
[[nodiscard]] Result<AuthlogScan> scan_authlog(const AuthlogScanRequest& request,
                                               const AuthlogOutput& output,
                                               const Clock& clock = system_clock(),
                                               const Random& random = system_random());

}  // namespace etguard::app
