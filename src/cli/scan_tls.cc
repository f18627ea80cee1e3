// etguard scan tls HOST[:PORT]... — the Art. 34 TLS checker.
#include "app/scan_tls.h"

#include <fmt/format.h>

#include "checks/output.h"
#include "cli/command.h"
#include "cli/finding_output.h"
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
  app::PushTarget push;
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
    lines += finding_lines(result.findings, format);
    if (format == "jsonl") {
      Json endpoint = tls_checks::endpoint_json(result.profile, result.summary);
      endpoint["profile"] = tls_checks::profile_json(result.profile);
      lines += endpoint.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
    }
  }
  print(format == "table" ? tls_table(context, *results) : lines);
  if (options.import || !options.push.url.empty()) {
    app::FindingsImport request{{}, options.object};
    for (app::TlsEndpointResult& result : *results) {
      std::ranges::move(result.findings, std::back_inserter(request.findings));
    }
    if (auto imported = import_scan_findings(context, request, options.push); !imported) {
      return std::unexpected(imported.error());
    }
  }
  return any_not_passing ? kExitFindings : kExitOk;
}

}  // namespace

void add_scan_tls(CLI::App& scan, Action& selected, const Help& help) {
  auto options = std::make_shared<TlsScanOptions>();
  CLI::App* tls = scan.add_subcommand("tls", help("Art. 34 TLS checker", "第三十四條 TLS 檢測"));
  tls->add_option("targets", options->request.targets,
                  help("HOST[:PORT] (default port 443; [v6]:port for IPv6)",
                       "主機[:埠]（預設埠 443；IPv6 寫作 [v6]:埠）"));
  tls->add_option("--targets", options->request.targets_file,
                  help("file with one HOST[:PORT] per line (# comments)",
                       "每行一個主機[:埠]之檔案（# 為註解）"));
  tls->add_option("--ca", options->request.ca_file,
                  help("PEM trust store for the chain check (default: the system's)",
                       "憑證鏈檢查所用之 PEM 信任憑證（預設為系統之信任憑證）"));
  tls->add_option("--format", options->format, "table | jsonl | ocsf")->capture_default_str();
  tls->add_option("--starttls", options->request.starttls,
                  help("smtp: upgrade with STARTTLS first (default port 25)",
                       "smtp：先以 STARTTLS 升級連線（預設埠 25）"));
  tls->add_option(
      "--sni", options->request.sni,
      help("server name to send (default: the host name)", "送出之伺服器名稱（預設為主機名稱）"));
  tls->add_option("--policy", options->request.policy_file,
                  help("YAML interpretation policy (docs/tls-policy.md)",
                       "YAML 解釋政策檔（見 docs/tls-policy.md）"));
  tls->add_flag(
      "--import", options->import,
      help("record the findings as evidence in the workspace", "將發現事項記為工作區之佐證資料"));
  add_push_options(*tls, options->push, help);
  tls->add_option("--object", options->object,
                  help("register object for --import (default: the entry whose details.endpoints "
                       "lists the target)",
                       "--import 所對應之清冊對象（預設為 details.endpoints 列有該目標之項目）"));
  tls->add_option("--timeout", options->request.timeout,
                  help("seconds per target", "每個目標之秒數上限"))
      ->capture_default_str();
  tls->add_option("--probe-timeout", options->request.probe_timeout,
                  help("seconds per connection", "每次連線之秒數上限"))
      ->capture_default_str();
  tls->add_option("--jobs", options->request.jobs,
                  help("targets scanned at once", "同時掃描之目標數"))
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  tls->footer(help.footer(
      "Exit 0 when every endpoint passes, 1 when any fails or could not be assessed.",
      "每個端點均通過時結束碼為 0；任一未通過或無法評估時為 1。",
      "  etguard scan tls trade.example.com\n"
      "  etguard scan tls --ca corp-ca.pem --format jsonl 10.0.0.5:8443 [::1]:443\n"
      "  etguard scan tls --targets endpoints.txt --jobs 32 --format ocsf > findings.jsonl\n"
      "  etguard scan tls --starttls smtp mail.example.com\n"
      "  etguard scan tls --import --object trading/web-trading trade.example.com"));
  tls->callback([&selected, options] {
    selected = [options](const Context& context) { return run_scan_tls(context, *options); };
  });
}

void add_scan_command(CLI::App& app, Action& selected, const Help& help) {
  CLI::App* scan =
      app.add_subcommand("scan", help("Run checks that prove clauses", "執行佐證條文之檢測"));
  scan->require_subcommand(1);
  add_scan_tls(*scan, selected, help);
  add_scan_pii(*scan, selected, help);
  add_scan_authlog(*scan, selected, help);
  add_scan_ai_fairness(*scan, selected, help);
  add_scan_ai_features(*scan, selected, help);
  add_scan_genai_log(*scan, selected, help);
  add_scan_chatbot(*scan, selected, help);
  add_scan_ai_modelcard(*scan, selected, help);
  add_scan_iot(*scan, selected, help);
  add_scan_app(*scan, selected, help);
  add_scan_cloud(*scan, selected, help);
}

}  // namespace etguard::cli
