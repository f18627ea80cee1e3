// etguard scan genai-log LOG... — personal data, classification markings and
// credentials in the prompts an AI gateway logged (Art. 53(2));
// docs/genai-log.md.
#include <fmt/format.h>

#include <thread>

#include "app/scan_genai.h"
#include "cli/command.h"
#include "cli/finding_output.h"
#include "cli/progress.h"
#include "cli/scan_import.h"
#include "core/atomic_file.h"

namespace etguard::cli {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::size_t kRowsShown = 20;

struct GenaiOptions {
  app::GenaiScanRequest request;
  std::string format = "table";
  std::string summary_file;
  std::string object;
  bool print_rules = false;
  bool import = false;
  app::PushTarget push;
};

std::string types_of(const pii::GenaiTally& tally) {
  std::string names;
  for (const auto& [type, count] : tally.by_type) {
    names += fmt::format("{}{} {}", names.empty() ? "" : ", ", type, count);
  }
  return names;
}

// The people, departments or destinations with the most findings, most first.
std::string tally_table(const Context& context, Text heading,
                        const std::map<std::string, pii::GenaiTally>& tallies) {
  std::vector<std::pair<std::string, const pii::GenaiTally*>> rows;
  rows.reserve(tallies.size());
  for (const auto& [name, tally] : tallies) {
    rows.emplace_back(name, &tally);
  }
  std::ranges::stable_sort(rows, [](const auto& a, const auto& b) {
    return std::pair(a.second->external, a.second->findings) >
           std::pair(b.second->external, b.second->findings);
  });
  Table table({std::string(context.tr(heading)),
               std::string(context.tr({.zh = "提示則數", .en = "PROMPTS"})),
               std::string(context.tr({.zh = "發現", .en = "FINDINGS"})),
               std::string(context.tr({.zh = "送外部", .en = "TO EXTERNAL"})),
               std::string(context.tr({.zh = "類型", .en = "TYPES"}))});
  for (std::size_t i = 0; i < rows.size() && i < kRowsShown; ++i) {
    const auto& [name, tally] = rows[i];
    table.add({name.empty() ? "-" : name, std::to_string(tally->prompts),
               std::to_string(tally->findings), std::to_string(tally->external), types_of(*tally)});
  }
  std::string text = table.render(terminal_width());
  if (rows.size() > kRowsShown) {
    text +=
        fmt::format("{} {}\n", rows.size() - kRowsShown,
                    context.tr({.zh = "筆未列出（見 --summary）", .en = "more (see --summary)"}));
  }
  return text;
}

void print_tables(const Context& context, const pii::GenaiSummary& summary) {
  const double megabytes = static_cast<double>(summary.bytes) / 1e6;
  print(context.lang == Lang::kZhTw
            ? fmt::format("已讀 {} 個檔案、{:.1f} MB、{} 則提示，{:.2f} 秒；{} 則含敏感資料"
                          "（送外部模型 {}，地端模型 {}）\n",
                          summary.files, megabytes, summary.prompts, summary.seconds,
                          summary.total.prompts, summary.external.prompts,
                          summary.on_premises.prompts)
            : fmt::format("read {} files, {:.1f} MB, {} prompts in {:.2f} s; {} with sensitive "
                          "data ({} to external models, {} on premises)\n",
                          summary.files, megabytes, summary.prompts, summary.seconds,
                          summary.total.prompts, summary.external.prompts,
                          summary.on_premises.prompts));
  if (summary.total.findings == 0) {
    return;
  }
  print("\n" + tally_table(context, {.zh = "使用者", .en = "USER"}, summary.by_user) + "\n" +
        tally_table(context, {.zh = "部門", .en = "DEPARTMENT"}, summary.by_department) + "\n" +
        tally_table(context, {.zh = "模型／目的地", .en = "MODEL / DESTINATION"},
                    summary.by_destination));
}

Result<int> run_scan_genai_log(const Context& context, const GenaiOptions& options) {
  if (options.print_rules) {
    print(std::string(app::default_genai_rules()));
    return kExitOk;
  }
  const std::string format = context.json ? "jsonl" : options.format;
  if (format != "table" && format != "jsonl" && format != "ocsf") {
    return usage_error(fmt::format("unknown --format '{}'; use table, jsonl or ocsf", format),
                       fmt::format("未知的 --format '{}'；請用 table、jsonl 或 ocsf", format));
  }
  app::GenaiScanEvents events;
  if (format == "jsonl") {
    events.findings = [](const pii::Scanner& scanner, const pii::Input& input,
                         std::vector<pii::PromptFinding>& findings) {
      std::string lines;
      for (const pii::PromptFinding& finding : findings) {
        lines += pii::genai_finding_json(input.name, scanner.type_name(finding.type), finding)
                     .dump(-1, ' ', false, Json::error_handler_t::replace);
        lines += '\n';
      }
      print(lines);
    };
  }
  ProgressLine progress(format == "table");
  if (progress.shown()) {
    events.progress = [&progress](std::uint64_t bytes) { progress.add_bytes(bytes); };
  }
  events.unreadable = [&context](const Error& error) { print_error(context, error); };
  events.problem = [&context](const Error& error) { print_error(context, error); };
  auto scan = app::scan_genai_log(options.request, events);
  progress.clear();
  if (!scan) {
    return std::unexpected(scan.error());
  }
  const pii::GenaiSummary& summary = scan->summary;
  if (!options.summary_file.empty()) {
    if (auto written = write_file_atomically(
            options.summary_file,
            pii::genai_summary_json(summary).dump(2, ' ', false, Json::error_handler_t::replace) +
                "\n");
        !written) {
      return std::unexpected(written.error());
    }
  }
  const std::vector<check::Finding> findings = app::genai_check_findings(*scan);
  if (format == "table") {
    print_tables(context, summary);
    print(finding_verdicts(context, findings));
  } else if (format == "ocsf") {
    print(finding_lines(findings, format));
  }
  if (options.import || !options.push.url.empty()) {
    if (auto imported = import_scan_findings(context, {findings, options.object}, options.push);
        !imported) {
      return std::unexpected(imported.error());
    }
  }
  if (!summary.unreadable.empty()) {
    return fail(ErrorKind::kInput,
                fmt::format("{} input(s) could not be scanned", summary.unreadable.size()),
                fmt::format("{} 個輸入無法掃描", summary.unreadable.size()));
  }
  if (summary.bad_records > 0) {
    return fail(ErrorKind::kInput,
                fmt::format("{} line(s) could not be read and were skipped", summary.bad_records),
                fmt::format("{} 行無法讀取，已略過", summary.bad_records));
  }
  return summary.total.findings > 0 ? kExitFindings : kExitOk;
}

}  // namespace

void add_scan_genai_log(CLI::App& scan, Action& selected, const Help& help) {
  auto options = std::make_shared<GenaiOptions>();
  options->request.jobs = std::max(1U, std::thread::hardware_concurrency());
  CLI::App* command = scan.add_subcommand(
      "genai-log", help("Sensitive data in prompts sent to generative AI (Art. 53(2))",
                        "送至生成式 AI 之提示中的敏感資料（第五十三條第二項）"));
  command->add_option(
      "logs", options->request.paths,
      help("AI gateway logs, JSON Lines or CSV (gzip read too); - or nothing: stdin",
           "AI 閘道日誌，JSON Lines 或 CSV（可讀 gzip）；- 或未指定時為標準輸入"));
  command->add_option("--rules", options->request.rules_file,
                      help("YAML rules replacing the built-in ones (see --print-rules)",
                           "取代內建規則之 YAML 檔（見 --print-rules）"));
  command->add_flag("--print-rules", options->print_rules,
                    help("write the built-in rules and exit", "輸出內建規則後結束"));
  command->add_option(
      "--field", options->request.fields,
      help("where a field is in each record, NAME=PATH (time, user, department, model, "
           "destination, request; repeatable)",
           "各紀錄中欄位之位置，名稱=路徑（time、user、department、model、destination、"
           "request；可重複）"));
  command->add_option("--input-format", options->request.input_format,
                      help("jsonl | csv (default: csv for *.csv and *.csv.gz, else jsonl)",
                           "jsonl | csv（預設：*.csv 與 *.csv.gz 為 csv，其餘為 jsonl）"));
  command->add_option("--format", options->format, "table | jsonl | ocsf")->capture_default_str();
  command->add_option("--summary", options->summary_file,
                      help("also write the counts by user, department and destination as JSON "
                           "(etguard.genai_log 1.0)",
                           "另以 JSON 寫出依使用者、部門及目的地之統計（etguard.genai_log 1.0）"));
  command->add_option("--jobs", options->request.jobs, help("threads", "執行緒數"))
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  command->add_flag("--import", options->import,
                    help("record the result as evidence for ET-53.2 (partly)",
                         "將結果記為 ET-53.2 之佐證資料（部分）"));
  add_push_options(*command, options->push, help);
  command->add_option(
      "--object", options->object,
      help("register object for --import (SUBJECT/ID)", "--import 所對應之清冊對象（類別/編號）"));
  command->footer(help.footer(
      "Only masks of the values are written. Exit 0 when nothing is found, 1 when findings "
      "exist, 2 on bad input (a line that is not a JSON record, a log without prompts).",
      "僅輸出遮罩後之值。無發現事項時結束碼為 0，有發現事項時為 1，輸入錯誤（非 JSON 紀錄之行、"
      "無提示之日誌）時為 2。",
      "  etguard scan genai-log gateway-2026-12-01.jsonl.gz\n"
      "  etguard scan genai-log logs/ --format jsonl --summary genai-summary.json\n"
      "  etguard scan genai-log proxy.jsonl --field user=metadata.employee --field "
      "request=payload\n"
      "  etguard scan genai-log proxy-export.csv --field user=employee --field request=question\n"
      "  etguard scan genai-log --print-rules > genai-rules.yaml\n"
      "  etguard scan genai-log gateway.jsonl --rules genai-rules.yaml --import --object "
      "ai/copilot"));
  command->callback([&selected, options] {
    selected = [options](const Context& context) { return run_scan_genai_log(context, *options); };
  });
}

}  // namespace etguard::cli
