// etguard scan tls HOST[:PORT]... — the Art. 34 TLS checker.
#include "app/scan_tls.h"

#include <fmt/format.h>

#include "checks/output.h"
#include "cli/command.h"
#include "cli/progress.h"
#include "cli/scan_import.h"
#include "cli/scan_tables.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

struct TlsScanOptions {
  app::TlsScanRequest request;
  std::string format = "table";
  std::string object;
  bool import = false;
};

Result<int> run_scan_tls(const Context& context, const TlsScanOptions& options) {
  const std::string format = context.json ? "jsonl" : options.format;
  if (format != "table" && format != "jsonl" && format != "ocsf") {
    return usage_error(fmt::format("unknown --format '{}'; use table, jsonl or ocsf", format),
                       fmt::format("未知的 --format '{}'；請用 table、jsonl 或 ocsf", format));
  }
  ProgressLine progress(format == "table");
  auto results = app::scan_tls(
      options.request, [&progress](std::size_t done, std::size_t total, const std::string& target) {
        progress.show(fmt::format("[{}/{}] {}", done, total, target));
      });
  progress.clear();
  if (!results) {
    return std::unexpected(results.error());
  }
  bool any_not_passing = false;
  std::string lines;
  for (const app::TlsEndpointResult& result : *results) {
    any_not_passing = any_not_passing || result.summary.verdict != check::Verdict::kPass;
    if (format == "table") {
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
  print(format == "table" ? tls_table(context, *results) : lines);
  if (options.import) {
    app::FindingsImport request{{}, options.object};
    for (app::TlsEndpointResult& result : *results) {
      std::ranges::move(result.findings, std::back_inserter(request.findings));
    }
    if (auto imported = import_scan_findings(context, request); !imported) {
      return std::unexpected(imported.error());
    }
  }
  return any_not_passing ? kExitFindings : kExitOk;
}

}  // namespace

void add_scan_tls(CLI::App& scan, Action& selected) {
  auto options = std::make_shared<TlsScanOptions>();
  CLI::App* tls = scan.add_subcommand("tls", "Art. 34 TLS checker / 第三十四條 TLS 檢測");
  tls->add_option("targets", options->request.targets,
                  "HOST[:PORT] (default port 443; [v6]:port for IPv6)");
  tls->add_option("--targets", options->request.targets_file,
                  "file with one HOST[:PORT] per line (# comments)");
  tls->add_option("--ca", options->request.ca_file,
                  "PEM trust store for the chain check (default: the system's)");
  tls->add_option("--format", options->format, "table | jsonl | ocsf")->capture_default_str();
  tls->add_option("--starttls", options->request.starttls,
                  "smtp: upgrade with STARTTLS first (default port 25)");
  tls->add_option("--sni", options->request.sni, "server name to send (default: the host name)");
  tls->add_option("--policy", options->request.policy_file,
                  "YAML interpretation policy (docs/tls-policy.md)");
  tls->add_flag("--import", options->import, "record the findings as evidence in the workspace");
  tls->add_option(
      "--object", options->object,
      "register object for --import (default: the entry whose details.endpoints lists the target)");
  tls->add_option("--timeout", options->request.timeout, "seconds per target")
      ->capture_default_str();
  tls->add_option("--probe-timeout", options->request.probe_timeout, "seconds per connection")
      ->capture_default_str();
  tls->add_option("--jobs", options->request.jobs, "targets scanned at once")
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
