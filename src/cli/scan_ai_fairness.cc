// etguard scan ai-fairness LOG --group COLS — fairness of an AI system's
// decisions per group and intersection (Art. 48, 53(3), 53(4));
// docs/ai-fairness.md.
#include <fmt/format.h>

#include <cmath>
#include <thread>

#include "app/scan_fairness.h"
#include "cli/command.h"
#include "cli/finding_output.h"
#include "cli/progress.h"
#include "cli/scan_import.h"

namespace etguard::cli {
namespace {

struct FairnessOptions {
  app::FairnessScanRequest request;
  std::string format = "table";
  std::string object;
  std::string delimiter = ",";
  bool import = false;
  app::PushTarget push;
  bool print_policy = false;
};

std::string decimal(double value) {
  return std::isnan(value) ? "-" : fmt::format("{:.4f}", value);
}

std::string interval(const fairness::Interval& ci) {
  return std::isnan(ci.low) ? "-" : fmt::format("{:.4f}-{:.4f}", ci.low, ci.high);
}

std::string verdict_text(const Context& context, const fairness::Disparity& d) {
  std::string text;
  switch (d.judgement) {
    case fairness::Judgement::kPass:
      text = context.tr({.zh = "符合", .en = "pass"});
      break;
    case fairness::Judgement::kFail:
      text = context.tr({.zh = "不符合", .en = "FAIL"});
      break;
    case fairness::Judgement::kNotAssessable:
      text = context.tr({.zh = "未判定", .en = "not judged"});
      break;
  }
  if (d.uncertain) {
    text += context.tr({.zh = "（區間觸及界限）", .en = " (interval reaches limit)"});
  }
  return text;
}

std::string tables(const Context& context, const fairness::Measurement& m) {
  const bool scored = !m.columns.score.empty();
  std::string out;
  for (const fairness::Grouping& grouping : m.groupings) {
    out += fmt::format("\n{} {}\n", context.tr({.zh = "分組：", .en = "By"}),
                       fmt::join(grouping.columns, " x "));
    Table disparities({std::string(context.tr({.zh = "指標", .en = "METRIC"})),
                       std::string(context.tr({.zh = "值", .en = "VALUE"})),
                       std::string(context.tr({.zh = "信賴區間", .en = "INTERVAL"})),
                       std::string(context.tr({.zh = "最高 vs 最低", .en = "HIGHEST VS LOWEST"})),
                       std::string(context.tr({.zh = "界限", .en = "LIMIT"})),
                       std::string(context.tr({.zh = "判定", .en = "VERDICT"}))});
    for (const fairness::Disparity& d : grouping.disparities) {
      const std::string limit = d.limit ? d.limit->text() : "-";
      disparities.add({d.metric, decimal(d.value), interval(d.ci), fairness::extremes(d), limit,
                       verdict_text(context, d)});
    }
    out += disparities.render(terminal_width());
    std::vector<std::string> header = {
        std::string(context.tr({.zh = "群體", .en = "GROUP"})),
        "N",
        std::string(context.tr({.zh = "選取率", .en = "SELECTED"})),
        std::string(context.tr({.zh = "信賴區間", .en = "INTERVAL"})),
        "TPR",
        "FPR"};
    if (scored) {
      header.emplace_back(context.tr({.zh = "校準誤差", .en = "CALIBRATION ERR"}));
    }
    Table groups(header);
    for (const fairness::GroupStats& g : grouping.groups) {
      std::vector<std::string> row = {
          fairness::group_label(g.values) +
              (g.too_small ? std::string(context.tr({.zh = "（過少）", .en = " (too small)"}))
                           : ""),
          std::to_string(g.n),
          decimal(g.selection_rate),
          interval(g.selection_rate_ci),
          decimal(g.true_positive_rate),
          decimal(g.false_positive_rate)};
      if (scored) {
        row.push_back(decimal(g.calibration_error));
      }
      groups.add(std::move(row));
    }
    out += groups.render(terminal_width());
  }
  for (const std::string& note : m.notes) {
    out += fmt::format("note: {}\n", note);
  }
  return out;
}

Result<int> run_scan_ai_fairness(const Context& context, FairnessOptions options) {
  if (options.print_policy) {
    print(app::default_fairness_policy());
    return kExitOk;
  }
  const std::string format = context.json ? "json" : options.format;
  if (format != "table" && format != "json" && format != "jsonl" && format != "ocsf") {
    return usage_error(
        fmt::format("unknown --format '{}'; use table, json, jsonl or ocsf", format),
        fmt::format("未知的 --format '{}'；請用 table、json、jsonl 或 ocsf", format));
  }
  if (options.request.path.empty()) {
    return usage_error("name the decision log (or - for standard input)",
                       "請指定決策紀錄檔（或以 - 表示標準輸入）");
  }
  if (options.delimiter.size() != 1) {
    return usage_error("--delimiter must be one character", "--delimiter 須為單一字元");
  }
  options.request.delimiter = options.delimiter.front();
  options.request.lang = context.lang;
  ProgressLine progress(format == "table");
  std::function<void(std::uint64_t)> on_bytes;
  if (progress.shown()) {
    on_bytes = [&progress](std::uint64_t bytes) { progress.add_bytes(bytes); };
  }
  auto scan = app::scan_fairness(options.request, on_bytes);
  progress.clear();
  if (!scan) {
    return std::unexpected(scan.error());
  }
  const std::vector<check::Finding> findings = app::fairness_check_findings(*scan);
  if (format == "json") {
    print_json(scan->document);
  } else if (format == "table") {
    const fairness::Measurement& m = scan->measurement;
    print(fmt::format("{}: {} {} · {} {:.2f} s\n", m.source, m.rows,
                      context.tr({.zh = "筆決策", .en = "decisions"}),
                      context.tr({.zh = "讀取", .en = "read in"}), scan->read_seconds));
    print(tables(context, m));
    print("\n" + finding_verdicts(context, findings));
  } else {
    print(finding_lines(findings, format));
  }
  if (options.import || !options.push.url.empty()) {
    if (auto imported = import_scan_findings(context, {findings, options.object}, options.push);
        !imported) {
      return std::unexpected(imported.error());
    }
  }
  return scan->measurement.judgement == fairness::Judgement::kPass ? kExitOk : kExitFindings;
}

}  // namespace

void add_scan_ai_fairness(CLI::App& scan, Action& selected, const Help& help) {
  auto options = std::make_shared<FairnessOptions>();
  options->request.jobs = std::max(1U, std::thread::hardware_concurrency());
  CLI::App* command = scan.add_subcommand(
      "ai-fairness", help("Fairness of an AI system's decisions by group (Art. 48, 53)",
                          "人工智慧決策之群體公平性（第四十八、五十三條）"));
  command->add_option("log", options->request.path,
                      help("decision log: CSV with a header or JSON Lines; - for stdin",
                           "決策紀錄：含標題列之 CSV 或 JSON Lines；- 為標準輸入"));
  command
      ->add_option("--group", options->request.columns.groups,
                   help("group columns, comma-separated (1 to 4); intersections are measured too",
                        "分組欄位，以逗號分隔（1 至 4 個）；亦量測其交叉組合"))
      ->delimiter(',');
  command
      ->add_option("--label", options->request.columns.label,
                   help("column of the true outcome (0/1)", "實際結果欄位（0/1）"))
      ->capture_default_str();
  command
      ->add_option("--pred", options->request.columns.prediction,
                   help("column of the model's decision (0/1)", "模型決策欄位（0/1）"))
      ->capture_default_str();
  command->add_option("--score", options->request.columns.score,
                      help("column of the model's probability, for calibration by group",
                           "模型機率欄位，用於各群體之校準"));
  command->add_option("--missing-group", options->request.columns.missing_group,
                      help("the group name for empty group cells (else they are an error)",
                           "分組欄位空白時所用之群體名稱（未指定時視為錯誤）"));
  command->add_option("--policy", options->request.policy_file,
                      help("YAML fairness policy (limits, minimum group size, intervals)",
                           "公平性政策 YAML（界限、最小群體、信賴區間）"));
  command->add_flag("--print-policy", options->print_policy,
                    help("print the built-in policy as a starting point", "印出內建政策作為起點"));
  command->add_option(
      "--input-format", options->request.input_format,
      help("csv | jsonl (default: from the file name)", "csv | jsonl（預設依副檔名）"));
  command->add_option("--delimiter", options->delimiter, help("CSV delimiter", "CSV 分隔字元"))
      ->capture_default_str();
  command->add_option("--format", options->format, "table | json | jsonl | ocsf")
      ->capture_default_str();
  command->add_option(
      "--report", options->request.report_html,
      help("also write a self-contained HTML report with charts", "另寫出含圖表之獨立 HTML 報告"));
  command->add_option("--jobs", options->request.jobs, help("threads", "執行緒數"))
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  command->add_flag("--import", options->import,
                    help("record the result as evidence for ET-53.4 (ET-48.1, ET-53.3 partly)",
                         "將結果記為 ET-53.4 之佐證（部分支持 ET-48.1、ET-53.3）"));
  add_push_options(*command, options->push, help);
  command->add_option(
      "--object", options->object,
      help("register object for --import (ai/ID)", "--import 所對應之清冊對象（ai/編號）"));
  command->footer(help.footer(
      "Exit 0 when every judged disparity is within the policy, 1 when one is not or nothing "
      "could be judged, 2 on bad input.",
      "所有已判定之差異均符合政策時結束碼為 0；有不符合或無法判定時為 1；輸入錯誤時為 2。",
      "  etguard scan ai-fairness decisions.csv --group gender,age_band --label y --pred yhat\n"
      "  etguard scan ai-fairness log.jsonl --group region --score p --report fairness.html\n"
      "  etguard scan ai-fairness --print-policy > fairness-policy.yaml\n"
      "  etguard scan ai-fairness decisions.csv --group gender --policy fairness-policy.yaml "
      "--import --object ai/credit-model"));
  command->callback([&selected, options] {
    options->request.columns.name_missing_groups = !options->request.columns.missing_group.empty();
    selected = [options](const Context& context) {
      return run_scan_ai_fairness(context, *options);
    };
  });
}

}  // namespace etguard::cli
