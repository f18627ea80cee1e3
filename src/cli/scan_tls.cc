// etguard scan tls HOST[:PORT]... — the Art. 34 TLS checker.
#include <arpa/inet.h>
#include <fmt/format.h>
#include <unistd.h>

#include <csignal>
#include <mutex>

#include "check/output.h"
#include "check/parallel.h"
#include "check/targets.h"
#include "checks/tls/run.h"
#include "cli/command.h"
#include "cli/scan_import.h"
#include "core/clock.h"
#include "tls/scanner.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

struct TlsScanOptions {
  std::vector<std::string> targets;
  std::string targets_file;
  std::string ca_file;
  std::string format = "table";
  std::string starttls;
  std::string sni;
  std::string policy_file;
  std::string object;
  bool import = false;
  double timeout = 60;
  double probe_timeout = 5;
  std::size_t jobs = 16;
};

bool is_address_literal(const std::string& host) {
  in6_addr buffer{};
  return ::inet_pton(AF_INET, host.c_str(), &buffer) == 1 ||
         ::inet_pton(AF_INET6, host.c_str(), &buffer) == 1;
}

Result<std::vector<check::Target>> collect_targets(const TlsScanOptions& options,
                                                   std::uint16_t default_port) {
  std::vector<check::Target> targets;
  if (!options.targets_file.empty()) {
    auto from_file = check::read_targets_file(options.targets_file, default_port);
    if (!from_file) {
      return std::unexpected(from_file.error());
    }
    targets = std::move(*from_file);
  }
  for (std::size_t i = 0; i < options.targets.size(); ++i) {
    auto target =
        check::parse_target(options.targets[i], default_port, fmt::format("argument {}", i + 1));
    if (!target) {
      return std::unexpected(target.error());
    }
    targets.push_back(std::move(*target));
  }
  if (targets.empty()) {
    return usage_error("give at least one HOST[:PORT] or --targets FILE",
                       "請指定至少一個 主機[:連接埠] 或 --targets 檔案");
  }
  return targets;
}

std::string verdict_label(const Context& context, check::Verdict verdict) {
  switch (verdict) {
    case check::Verdict::kPass:
      return std::string(context.tr({.zh = "符合", .en = "pass"}));
    case check::Verdict::kFail:
      return std::string(context.tr({.zh = "不符合", .en = "FAIL"}));
    case check::Verdict::kNotApplicable:
      return std::string(context.tr({.zh = "不適用", .en = "n/a"}));
    case check::Verdict::kError:
      return std::string(context.tr({.zh = "無法評估", .en = "error"}));
  }
  return {};
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) {
    text += (text.empty() ? "" : ",") + item;
  }
  return text.empty() ? "-" : text;
}

struct EndpointResult {
  tls::TlsProfile profile;
  std::vector<check::Finding> findings;
  tls_checks::EndpointSummary summary;
};

Result<int> run_scan_tls(const Context& context, const TlsScanOptions& options) {
  const std::string format = context.json ? "jsonl" : options.format;
  if (format != "table" && format != "jsonl" && format != "ocsf") {
    return usage_error(fmt::format("unknown --format '{}'; use table, jsonl or ocsf", format),
                       fmt::format("未知的 --format '{}'；請用 table、jsonl 或 ocsf", format));
  }
  tls::Starttls starttls = tls::Starttls::kNone;
  if (options.starttls == "smtp") {
    starttls = tls::Starttls::kSmtp;
  } else if (!options.starttls.empty()) {
    return usage_error(fmt::format("unknown --starttls '{}'; use smtp", options.starttls),
                       fmt::format("未知的 --starttls '{}'；請用 smtp", options.starttls));
  }
  auto targets = collect_targets(options, starttls == tls::Starttls::kSmtp ? 25 : 443);
  if (!targets) {
    return std::unexpected(targets.error());
  }
  tls_checks::TlsPolicy policy;
  if (!options.policy_file.empty()) {
    auto loaded = tls_checks::load_tls_policy(options.policy_file);
    if (!loaded) {
      return std::unexpected(loaded.error());
    }
    policy = *loaded;
  }
  auto trust = tls::TrustStore::load(options.ca_file);
  if (!trust) {
    return std::unexpected(trust.error());
  }
  // OpenSSL writes to sockets servers may already have closed: EPIPE, not death.
  std::signal(SIGPIPE, SIG_IGN);
  tls::ScanOptions scan_options;
  scan_options.trust = &*trust;
  scan_options.endpoint_timeout =
      std::chrono::milliseconds(static_cast<long>(options.timeout * 1000));
  scan_options.probe_timeout =
      std::chrono::milliseconds(static_cast<long>(options.probe_timeout * 1000));

  std::vector<EndpointResult> results(targets->size());
  const bool progress = ::isatty(STDERR_FILENO) == 1 && format == "table";
  std::mutex progress_lock;
  std::size_t done = 0;
  check::for_each_parallel(targets->size(), options.jobs, [&](std::size_t i) {
    const check::Target& target = (*targets)[i];
    tls::Endpoint endpoint;
    endpoint.target = target.text;
    endpoint.host = target.host;
    endpoint.port = target.port;
    endpoint.server_name = !options.sni.empty()              ? options.sni
                           : is_address_literal(target.host) ? ""
                                                             : target.host;
    endpoint.starttls = starttls;
    const std::string started = utc_now();
    EndpointResult& result = results[i];
    if (auto resolved = tls::resolve(endpoint); !resolved) {
      result.profile.endpoint = endpoint;
      result.profile.error = resolved.error().message;
    } else {
      result.profile = tls::scan_endpoint(endpoint, scan_options);
    }
    result.findings = tls_checks::run_tls_checks(result.profile, policy, started, utc_now());
    result.summary = tls_checks::summarize(result.findings);
    if (progress) {
      const std::lock_guard lock(progress_lock);
      fmt::print(stderr, "\r\033[K[{}/{}] {}", ++done, targets->size(), target.text);
    }
  });
  if (progress) {
    fmt::print(stderr, "\r\033[K");
  }

  bool any_not_passing = false;
  Table table({std::string(context.tr({.zh = "目標", .en = "TARGET"})),
               std::string(context.tr({.zh = "判定", .en = "VERDICT"})),
               std::string(context.tr({.zh = "原因", .en = "REASONS"})),
               std::string(context.tr({.zh = "警告", .en = "WARNINGS"})),
               std::string(context.tr({.zh = "交握數", .en = "HANDSHAKES"})),
               std::string(context.tr({.zh = "秒", .en = "SECONDS"}))});
  std::string lines;
  for (const EndpointResult& result : results) {
    any_not_passing = any_not_passing || result.summary.verdict != check::Verdict::kPass;
    if (format == "table") {
      std::vector<std::string> reasons = result.summary.reasons;
      if (result.summary.verdict == check::Verdict::kError && !result.profile.error.empty()) {
        reasons.push_back(result.profile.error);
      }
      table.add({result.profile.endpoint.target, verdict_label(context, result.summary.verdict),
                 join(reasons), join(result.summary.warnings),
                 std::to_string(result.profile.handshakes),
                 fmt::format("{:.3f}", result.profile.seconds)});
      continue;
    }
    for (const check::Finding& finding : result.findings) {
      const Json json =
          format == "ocsf" ? check::ocsf_detection_finding(finding) : check::finding_json(finding);
      lines += json.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
    }
    if (format == "jsonl") {
      Json endpoint = tls_checks::endpoint_json(result.profile, result.summary);
      endpoint["profile"] = tls_checks::profile_json(result.profile);
      lines += endpoint.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
    }
  }
  print(format == "table" ? table.render(terminal_width()) : lines);
  if (options.import) {
    ImportRequest request;
    request.object = options.object;
    for (EndpointResult& result : results) {
      for (check::Finding& finding : result.findings) {
        request.findings.push_back(std::move(finding));
      }
    }
    if (auto imported = import_findings(context, request); !imported) {
      return std::unexpected(imported.error());
    }
  }
  return any_not_passing ? kExitFindings : kExitOk;
}

}  // namespace

void add_scan_tls(CLI::App& scan, Action& selected) {
  auto options = std::make_shared<TlsScanOptions>();
  CLI::App* tls = scan.add_subcommand("tls", "Art. 34 TLS checker / 第三十四條 TLS 檢測");
  tls->add_option("targets", options->targets,
                  "HOST[:PORT] (default port 443; [v6]:port for IPv6)");
  tls->add_option("--targets", options->targets_file,
                  "file with one HOST[:PORT] per line (# comments)");
  tls->add_option("--ca", options->ca_file,
                  "PEM trust store for the chain check (default: the system's)");
  tls->add_option("--format", options->format, "table | jsonl | ocsf")->capture_default_str();
  tls->add_option("--starttls", options->starttls,
                  "smtp: upgrade with STARTTLS first (default port 25)");
  tls->add_option("--sni", options->sni, "server name to send (default: the host name)");
  tls->add_option("--policy", options->policy_file,
                  "YAML interpretation policy (docs/tls-policy.md)");
  tls->add_flag("--import", options->import, "record the findings as evidence in the workspace");
  tls->add_option(
      "--object", options->object,
      "register object for --import (default: the entry whose details.endpoints lists the target)");
  tls->add_option("--timeout", options->timeout, "seconds per target")->capture_default_str();
  tls->add_option("--probe-timeout", options->probe_timeout, "seconds per connection")
      ->capture_default_str();
  tls->add_option("--jobs", options->jobs, "targets scanned at once")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  tls->footer(
      "Exit 0 when every endpoint passes, 1 when any fails or could not be assessed.\n"
      "Examples:\n"
      "  etguard scan tls trade.example.com\n"
      "  etguard scan tls --ca corp-ca.pem --format jsonl 10.0.0.5:8443 [::1]:443\n"
      "  etguard scan tls --targets endpoints.txt --jobs 32 --format ocsf > findings.jsonl\n"
      "  etguard scan tls --starttls smtp mail.example.com\n"
      "  etguard scan tls --import --object trading/web-trading trade.example.com");
  tls->callback([&selected, options] {
    selected = [options](const Context& context) { return run_scan_tls(context, *options); };
  });
}

void add_scan_command(CLI::App& app, Action& selected) {
  CLI::App* scan = app.add_subcommand("scan", "Run checks that prove clauses / 執行檢測");
  scan->require_subcommand(1);
  add_scan_tls(*scan, selected);
  add_scan_pii(*scan, selected);
  add_scan_authlog(*scan, selected);
}

}  // namespace etguard::cli
