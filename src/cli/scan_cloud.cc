// etguard scan cloud --import-findings FILE — the posture tools' findings
// judged per registered cloud service, clause by clause (Art. 8–9);
// docs/cloud.md.
#include "app/scan_cloud.h"

#include <fmt/format.h>

#include <algorithm>
#include <ranges>

#include "cli/command.h"
#include "cli/finding_output.h"
#include "cli/open_workspace.h"
#include "cli/progress.h"
#include "cli/scan_import.h"

namespace etguard::cli {
namespace {

struct CloudOptions {
  app::CloudScanRequest request;
  std::string format = "table";
  bool import = false;
};

// The entries of `counts` with the most findings first, the first `shown`.
std::string largest(const std::map<std::string, std::uint64_t, std::less<>>& counts,
                    std::size_t shown) {
  std::vector<std::pair<std::string_view, std::uint64_t>> sorted(counts.begin(), counts.end());
  std::ranges::stable_sort(sorted, std::greater<>{},
                           &std::pair<std::string_view, std::uint64_t>::second);
  std::string out;
  for (std::size_t i = 0; i < std::min(shown, sorted.size()); ++i) {
    out += fmt::format("{}{} ({})", i == 0 ? "" : ", ",
                       sorted[i].first.empty() ? "-" : sorted[i].first, sorted[i].second);
  }
  return sorted.size() > shown ? out + ", …" : out;
}

// A plan's or template's line, then what its rules could not judge.
std::string iac_lines(bool zh, const app::CloudIacFile& one, std::string_view what_en,
                      std::string_view what_zh, std::string_view unknown_en,
                      std::string_view unknown_zh) {
  const cloud::IacSummary& summary = one.summary;
  std::string out =
      zh ? fmt::format("{}：{}（SHA-256 {}）：{} 項資源，{} 項依規則判定\n", what_zh, one.file,
                       summary.sha256, summary.resources, summary.judged)
         : fmt::format("{}: {} (SHA-256 {}): {} resources, {} judged by rules\n", what_en, one.file,
                       summary.sha256, summary.resources, summary.judged);
  if (summary.unknown > 0) {
    out += zh ? fmt::format("{} 項規則之值{}（未評）\n", summary.unknown, unknown_zh)
              : fmt::format("{} rule value(s) {} (not judged)\n", summary.unknown, unknown_en);
  }
  if (summary.unregistered > 0) {
    out += zh ? fmt::format(
                    "{} 項映像檔來源規則未評：服務未登記受信任之登錄庫"
                    "（details.trusted_registries）\n",
                    summary.unregistered)
              : fmt::format(
                    "{} image-source rule value(s) not judged: the service registers no "
                    "trusted registries (details.trusted_registries)\n",
                    summary.unregistered);
  }
  if (!summary.not_judged.empty()) {
    out += zh ? fmt::format("無規則之資源類型（未評）：{}\n", largest(summary.not_judged, 8))
              : fmt::format("resource types no rule judges (not judged): {}\n",
                            largest(summary.not_judged, 8));
  }
  return out;
}

std::string summary_lines(const Context& context, const app::CloudScan& scan) {
  const cloud::PostureTally& tally = scan.tally;
  const bool zh = context.lang == Lang::kZhTw;
  std::string out;
  for (const cloud::PostureSource& source : tally.sources()) {
    if (source.tool != cloud::Tool::kProwler) {
      continue;  // a plan's or Checkov report's line follows, with its counts
    }
    out += zh ? fmt::format("{}：{}（SHA-256 {}）\n", cloud::tool_name(source.tool), source.file,
                            source.sha256)
              : fmt::format("{}: {} (SHA-256 {})\n", cloud::tool_name(source.tool), source.file,
                            source.sha256);
  }
  for (const app::CloudIacFile& plan : scan.plans) {
    out += iac_lines(zh, plan, fmt::format("terraform {} plan", plan.summary.tool_version),
                     fmt::format("terraform {} 計畫", plan.summary.tool_version),
                     "known only after apply", "須待套用後方知");
  }
  for (const app::CloudIacFile& one : scan.templates) {
    out += iac_lines(zh, one, "cloudformation template", "cloudformation 範本",
                     "given by an intrinsic function, known only at deployment",
                     "由內建函式決定，部署時方知");
  }
  for (const app::CloudHubExport& hub : scan.hub_exports) {
    const cloud::SecurityHubSummary& summary = hub.summary;
    out +=
        zh ? fmt::format(
                 "security_hub：{}（SHA-256 {}）：{} 筆控制項發現；{} 筆非控制項發現"
                 "（GuardDuty、Inspector 等）與 {} 筆已封存發現未評\n",
                 hub.file, summary.sha256, summary.controls, summary.not_controls, summary.archived)
           : fmt::format(
                 "security_hub: {} (SHA-256 {}): {} control findings; {} findings of "
                 "other products (GuardDuty, Inspector…) and {} archived ones not "
                 "judged\n",
                 hub.file, summary.sha256, summary.controls, summary.not_controls,
                 summary.archived);
  }
  for (const app::CloudPolicyExport& policy : scan.policy_exports) {
    const cloud::AzurePolicySummary& summary = policy.summary;
    out += zh ? fmt::format(
                    "azure_policy：{}（SHA-256 {}）：{} 筆符合、{} 筆不符合、{} 筆豁免（仍判為"
                    "不符合）、{} 筆狀態不明（未評）\n",
                    policy.file, summary.sha256, summary.compliant, summary.non_compliant,
                    summary.exempt, summary.unknown)
              : fmt::format(
                    "azure_policy: {} (SHA-256 {}): {} compliant, {} non-compliant, {} exempt "
                    "(still failures), {} unknown (not judged)\n",
                    policy.file, summary.sha256, summary.compliant, summary.non_compliant,
                    summary.exempt, summary.unknown);
  }
  for (const app::CloudSccExport& scc : scan.scc_exports) {
    const cloud::SecurityCommandCenterSummary& summary = scc.summary;
    out += zh ? fmt::format(
                    "security_command_center：{}（SHA-256 {}）：{} 筆作用中（未通過，其中 {} 筆"
                    "已靜音）、{} 筆非作用中（已修正，通過）、{} 筆狀態未指定（未評）；{} 筆威脅、"
                    "觀察、錯誤等非組態發現未評\n",
                    scc.file, summary.sha256, summary.active, summary.muted, summary.inactive,
                    summary.unspecified, summary.not_configuration)
              : fmt::format(
                    "security_command_center: {} (SHA-256 {}): {} active (failures, {} of them "
                    "muted), {} inactive (fixed: passes), {} of unspecified state (not judged); "
                    "{} findings that are no setting's state (threats, observations, errors…) "
                    "not judged\n",
                    scc.file, summary.sha256, summary.active, summary.muted, summary.inactive,
                    summary.unspecified, summary.not_configuration);
  }
  for (const app::CloudCodeScan& code : scan.code_scans) {
    const cloud::CodeScanSummary& summary = code.summary;
    const std::string_view tool = cloud::tool_name(summary.tool);
    out += zh ? fmt::format(
                    "{} {}：{}（SHA-256 {}）：{} 項通過、{} 項未通過、{} 項於程式碼中略過或"
                    "列為例外（仍判為未通過）\n",
                    tool, summary.format, code.file, summary.sha256, summary.passed, summary.failed,
                    summary.skipped)
              : fmt::format(
                    "{} {}: {} (SHA-256 {}): {} passed, {} failed, {} skipped in the "
                    "code or excepted (still failures)\n",
                    tool, summary.format, code.file, summary.sha256, summary.passed, summary.failed,
                    summary.skipped);
    if (summary.not_checks > 0) {
      out += zh ? fmt::format("{} 筆非組態檢查之結果（弱點、機密、授權）未評\n", summary.not_checks)
                : fmt::format(
                      "{} results that are no configuration check (vulnerabilities, "
                      "secrets, licences) not judged\n",
                      summary.not_checks);
    }
  }
  const auto judged = std::ranges::count_if(
      tally.per_service(), [](const cloud::ServiceTally& one) { return one.findings > 0; });
  std::uint64_t unassigned = 0;
  for (const auto& [account, count] : tally.unassigned()) {
    unassigned += count;
  }
  std::uint64_t unmapped = 0;
  for (const auto& [check, count] : tally.unmapped()) {
    unmapped += count;
  }
  out += zh ? fmt::format("{} 筆發現；{} 項雲端服務受評（清冊共 {} 項）\n", tally.findings(),
                          judged, tally.services().size())
            : fmt::format("{} findings; {} cloud services judged (of {} registered)\n",
                          tally.findings(), judged, tally.services().size());
  if (unassigned > 0) {
    out += zh ? fmt::format("未登記帳戶之發現 {} 筆（未評）：{}\n", unassigned,
                            largest(tally.unassigned(), 5))
              : fmt::format("{} findings of accounts no service registers (not judged): {}\n",
                            unassigned, largest(tally.unassigned(), 5));
  }
  if (unmapped > 0) {
    out += zh ? fmt::format("未對應條文之工具檢查 {} 項、發現 {} 筆（未評）：{}\n",
                            tally.unmapped().size(), unmapped, largest(tally.unmapped(), 8))
              : fmt::format("{} findings of {} tool checks no mapping names (not judged): {}\n",
                            unmapped, tally.unmapped().size(), largest(tally.unmapped(), 8));
  }
  return out;
}

// Each service's verdicts under its name.
std::string verdict_lines(const Context& context, const std::vector<check::Finding>& findings) {
  std::string out;
  std::string_view target;
  for (const check::Finding& finding : findings) {
    if (finding.target != target) {
      target = finding.target;
      out += fmt::format("\n{}\n", target);
    }
    out += fmt::format("  {} {}\n", finding.check->id, to_string(finding.assessment.verdict));
    for (std::string_view line : std::views::split(reason_lines(context, finding), '\n') |
                                     std::views::transform([](auto range) {
                                       return std::string_view(range.begin(), range.end());
                                     })) {
      if (!line.empty()) {
        out += fmt::format("  {}\n", line);
      }
    }
  }
  return out;
}

Result<int> run_scan_cloud(const Context& context, CloudOptions options) {
  const std::string format = context.json ? "jsonl" : options.format;
  if (format != "table" && format != "jsonl" && format != "ocsf") {
    return usage_error(fmt::format("unknown --format '{}'; use table, jsonl or ocsf", format),
                       fmt::format("未知的 --format '{}'；請用 table、jsonl 或 ocsf", format));
  }
  auto session = open_session(context, options.import ? Access::kReadWrite : Access::kReadOnly);
  if (!session) {
    return std::unexpected(session.error());
  }
  ProgressLine progress(true);
  if (progress.shown()) {
    options.request.on_read = [&progress](std::size_t bytes) { progress.add_bytes(bytes); };
  }
  auto scan = app::scan_cloud(options.request, *session);
  progress.clear();
  if (!scan) {
    return std::unexpected(scan.error());
  }
  const bool table = format == "table";
  std::vector<check::Finding> findings = app::cloud_findings(*scan, !table || options.import);
  if (table) {
    print(summary_lines(context, *scan));
    print(verdict_lines(context, findings));
  } else {
    print(finding_lines(findings, format));
  }
  if (options.import && !findings.empty()) {
    if (auto imported = import_scan_findings(context, {findings, {}}); !imported) {
      return std::unexpected(imported.error());
    }
  }
  const bool passed = std::ranges::all_of(findings, [](const check::Finding& finding) {
    return finding.assessment.verdict == check::Verdict::kPass ||
           finding.assessment.verdict == check::Verdict::kNotApplicable;
  });
  return passed ? kExitOk : kExitFindings;
}

}  // namespace

void add_scan_cloud(CLI::App& scan, Action& selected, const Help& help) {
  auto options = std::make_shared<CloudOptions>();
  CLI::App* command = scan.add_subcommand(
      "cloud", help("Cloud posture findings judged per registered service (Art. 8–9)",
                    "雲端組態檢測結果依登記之服務逐條判定（第八、九條）"));
  command->add_option(
      "--import-findings", options->request.findings_files,
      help(
          "a posture tool's findings: Prowler OCSF (--output-formats json-ocsf), "
          "a JSON array or JSON Lines ('-' reads standard input), or Prowler's "
          "CSV; AWS Security "
          "Hub's ASFF (aws securityhub get-findings); Azure Policy's states of "
          "Defender for Cloud's benchmark (az policy state list); Google Security Command "
          "Center's findings (gcloud scc findings list --format=json); or Checkov's or Trivy's "
          "report of --object's infrastructure code (JSON or SARIF); repeatable",
          "組態檢測工具之發現：Prowler OCSF（--output-formats json-ocsf），JSON "
          "陣列或 JSON Lines（'-' 讀取標準輸入），或 Prowler 之 CSV；AWS Security Hub 之 ASFF（aws "
          "securityhub get-findings）；Defender for Cloud 基準之 Azure Policy 狀態"
          "（az policy state list）；Google Security Command Center 之發現（gcloud scc findings "
          "list --format=json）；或 --object 基礎設施程式碼之 Checkov 或 "
          "Trivy 報告（JSON 或 SARIF）；可重複"));
  command->add_option(
      "--plan", options->request.plans,
      help("a Terraform plan of --object's infrastructure (terraform show -json PLANFILE), "
           "judged by etguard's rules; repeatable",
           "--object 之基礎設施 Terraform 計畫（terraform show -json PLANFILE），依 etguard "
           "規則判定；可重複"));
  command->add_option(
      "--template", options->request.templates,
      help("a CloudFormation template (JSON or YAML) of --object's infrastructure, judged by "
           "etguard's rules; repeatable",
           "--object 之基礎設施 CloudFormation 範本（JSON 或 YAML），依 etguard 規則判定；可重複"));
  command->add_option("--object", options->request.object,
                      help("cloud/ID: the service the --plan, --template files and Checkov's "
                           "or Trivy's reports judge",
                           "cloud/ID：--plan、--template 與 Checkov 或 Trivy 報告所屬之服務"));
  command->add_option("--format", options->format, "table | jsonl | ocsf")->capture_default_str();
  command->add_flag(
      "--import", options->import,
      help("record each service's results as evidence on cloud/ID for the clauses of its "
           "checks (all partly)",
           "將各服務之結果記為 cloud/ID 之佐證資料（各檢測之條文，皆為部分）"));
  command->footer(help.footer(
      "Places each finding with the cloud service whose details.cloud_accounts lists its account "
      "(AWS account, Azure subscription, GCP project), maps the tool's check to the guideline's "
      "clauses (src/cloud/mappings) and judges eight topics per service: encryption, keys, "
      "access, logging, threats, posture, backup and location (regions against "
      "details.regions, and Taiwan for material natural-person business). A failure muted in "
      "the tool still fails. A Terraform plan is judged by etguard's own rules "
      "(src/cloud/mappings/terraform-rules.yaml) for the service --object names, each finding "
      "naming its resource address; a value known only after apply and a resource type no rule "
      "knows are listed as not judged. Findings of unregistered accounts and unmapped checks are "
      "counted and listed, never judged. Exit 0 when all pass, 1 on findings, 2 on a file that "
      "is not whole Prowler OCSF or a plan of format 0.x/1.x (named with its line and byte) or "
      "a register without accounts.",
      "依 details.cloud_accounts 所列帳戶（AWS 帳戶、Azure 訂閱、GCP 專案）將每筆發現歸屬雲端服務，"
      "依對應表（src/cloud/mappings）將工具檢查對應至條文，逐服務判定八項主題：加密、金鑰、"
      "存取、稽核軌跡、威脅、組態、備份與地點（區域對照 details.regions，重大自然人客戶業務須"
      "在我國境內）。工具中靜音之未通過仍判為不符合。Terraform 計畫依 etguard 自有規則"
      "（src/cloud/mappings/terraform-rules.yaml）就 --object 所指服務判定，每筆發現載明資源位址；"
      "須待套用後方知之值與無規則之資源類型列為未評。未登記帳戶與未對應之檢查僅計數列出，不予"
      "判定。全部符合結束碼為 0，有發現為 1，檔案非完整之 Prowler OCSF 或 0.x/1.x 格式之計畫"
      "（指出行與位元組）或清冊未登記帳戶為 2。",
      "  prowler aws --output-formats json-ocsf -o out\n"
      "  etguard --workspace ws scan cloud --import-findings out/prowler-output-*.ocsf.json\n"
      "  etguard --workspace ws scan cloud --import-findings aws.ocsf.json --import\n"
      "  etguard --workspace ws scan cloud --import-findings - --format jsonl < aws.ocsf.json\n"
      "  terraform show -json tfplan > plan.json\n"
      "  etguard --workspace ws scan cloud --plan plan.json --object cloud/trading-dr\n"
      "  etguard --workspace ws scan cloud --template stack.yaml --object cloud/trading-dr\n"
      "  aws securityhub get-findings > hub.json\n"
      "  etguard --workspace ws scan cloud --import-findings hub.json\n"
      "  az policy state list --all > policy.json\n"
      "  etguard --workspace ws scan cloud --import-findings policy.json\n"
      "  gcloud scc findings list organizations/ORG_ID --format=json > scc.json\n"
      "  etguard --workspace ws scan cloud --import-findings scc.json\n"
      "  checkov -d infra -o json > checkov.json\n"
      "  etguard --workspace ws scan cloud --import-findings checkov.json --object "
      "cloud/trading-dr\n"
      "  trivy config -f json -o trivy.json infra\n"
      "  etguard --workspace ws scan cloud --import-findings trivy.json --object "
      "cloud/trading-dr"));
  command->callback([&selected, options] {
    selected = [options](const Context& context) { return run_scan_cloud(context, *options); };
  });
}

}  // namespace etguard::cli
