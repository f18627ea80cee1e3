// etguard scan ai-features SCHEMA — the inputs of a model that are
// parameters Art. 48(3) names, each with its necessity assessment;
// docs/ai-fairness.md#sensitive-parameters.
#include <fmt/format.h>

#include "app/scan_fairness.h"
#include "cli/command.h"
#include "cli/finding_output.h"
#include "cli/scan_import.h"

namespace etguard::cli {
namespace {

struct FeatureOptions {
  app::FeatureScanRequest request;
  std::string format = "table";
  std::string object;
  bool import = false;
  app::PushTarget push;
};

Result<int> run_scan_ai_features(const Context& context, const FeatureOptions& options) {
  const std::string format = context.json ? "jsonl" : options.format;
  if (format != "table" && format != "jsonl" && format != "ocsf") {
    return usage_error(fmt::format("unknown --format '{}'; use table, jsonl or ocsf", format),
                       fmt::format("未知的 --format '{}'；請用 table、jsonl 或 ocsf", format));
  }
  auto review = app::scan_features(options.request);
  if (!review) {
    return std::unexpected(review.error());
  }
  const std::vector<check::Finding> findings = app::feature_check_findings(*review);
  if (format == "table") {
    Table table({std::string(context.tr({.zh = "行", .en = "LINE"})),
                 std::string(context.tr({.zh = "輸入", .en = "INPUT"})),
                 std::string(context.tr({.zh = "敏感參數", .en = "SENSITIVE AS"})),
                 std::string(context.tr({.zh = "必要性評估", .en = "NECESSITY ASSESSED"}))});
    for (const fairness::Feature& feature : review->features) {
      if (feature.attributes.empty()) {
        continue;
      }
      std::string assessed = std::string(context.tr({.zh = "無", .en = "no"}));
      if (feature.has_necessity) {
        assessed = feature.necessity.approved_by.empty()
                       ? std::string(context.tr({.zh = "有", .en = "yes"}))
                       : feature.necessity.approved_by + " " + feature.necessity.date;
      }
      table.add({std::to_string(feature.line), feature.name,
                 fmt::format("{}", fmt::join(feature.attributes, ",")), assessed});
    }
    print(fmt::format("{}: {} {}\n", review->source, review->features.size(),
                      context.tr({.zh = "個輸入", .en = "inputs"})));
    print(table.render(terminal_width()));
    print(finding_verdicts(context, findings));
  } else {
    print(finding_lines(findings, format));
  }
  if (options.import || !options.push.url.empty()) {
    if (auto imported = import_scan_findings(context, {findings, options.object}, options.push);
        !imported) {
      return std::unexpected(imported.error());
    }
  }
  const bool passed = std::ranges::all_of(findings, [](const check::Finding& finding) {
    return finding.assessment.verdict == check::Verdict::kPass;
  });
  return passed ? kExitOk : kExitFindings;
}

}  // namespace

void add_scan_ai_features(CLI::App& scan, Action& selected, const Help& help) {
  auto options = std::make_shared<FeatureOptions>();
  CLI::App* command = scan.add_subcommand(
      "ai-features", help("Sensitive parameters among a model's inputs (Art. 48(3))",
                          "模型輸入中之敏感參數（第四十八條第三項）"));
  command
      ->add_option("schema", options->request.schema,
                   help("the model's feature schema (YAML or JSON), or the ONNX model itself",
                        "模型之特徵清單（YAML 或 JSON），或 ONNX 模型本身"))
      ->required();
  command->add_option("--schema", options->request.necessity_schema,
                      help("for an ONNX model: the feature schema holding the necessity "
                           "assessments",
                           "ONNX 模型適用：載有必要性評估之特徵清單"));
  command->add_option("--words", options->request.words_file,
                      help("YAML of the firm's own words per attribute (attribute: {words, zh})",
                           "公司自訂之屬性詞彙 YAML（屬性: {words, zh}）"));
  command->add_option("--format", options->format, "table | jsonl | ocsf")->capture_default_str();
  command->add_flag("--import", options->import,
                    help("record the result as evidence for ET-48.3", "將結果記為 ET-48.3 之佐證"));
  add_push_options(*command, options->push, help);
  command->add_option(
      "--object", options->object,
      help("register object for --import (ai/ID)", "--import 所對應之清冊對象（ai/編號）"));
  command->footer(help.footer(
      "Exit 0 when every sensitive input has its necessity assessment, 1 when one lacks it, 2 on "
      "bad input.",
      "所有敏感參數均有必要性評估時結束碼為 0；有缺漏時為 1；輸入錯誤時為 2。",
      "  etguard scan ai-features models/credit-v3.features.yaml\n"
      "  etguard scan ai-features models/credit-v3.onnx --schema models/credit-v3.features.yaml\n"
      "  etguard scan ai-features features.json --words our-words.yaml --format jsonl\n"
      "  etguard scan ai-features credit.yaml --import --object ai/robo-advisor"));
  command->callback([&selected, options] {
    selected = [options](const Context& context) {
      return run_scan_ai_features(context, *options);
    };
  });
}

}  // namespace etguard::cli
