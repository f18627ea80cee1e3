// etguard scan ai-modelcard CARD — an AI system's model card and data sheet
// (Art. 52), complete and current; docs/model-cards.md.
#include <fmt/format.h>

#include "app/scan_model_card.h"
#include "cli/command.h"
#include "cli/finding_output.h"
#include "cli/open_workspace.h"
#include "cli/scan_import.h"

namespace etguard::cli {
namespace {

struct ModelCardOptions {
  std::string card;
  std::string format = "table";
  bool import = false;
};

Result<int> run_scan_ai_modelcard(const Context& context, const ModelCardOptions& options) {
  const std::string format = context.json ? "jsonl" : options.format;
  if (format != "table" && format != "jsonl" && format != "ocsf") {
    return usage_error(fmt::format("unknown --format '{}'; use table, jsonl or ocsf", format),
                       fmt::format("未知的 --format '{}'；請用 table、jsonl 或 ocsf", format));
  }
  // The register is consulted when a workspace is at hand (required to import).
  auto session = open_session(context, Access::kReadOnly);
  if (!session && options.import) {
    return std::unexpected(session.error());
  }
  auto scan = app::scan_model_card(options.card, session ? &*session : nullptr);
  if (!scan) {
    return std::unexpected(scan.error());
  }
  const std::vector<check::Finding> findings = app::model_card_findings(*scan);
  if (format == "table") {
    const modelcard::Card& card = scan->reading.card;
    print(fmt::format("{}: ai/{} {} {}\n", card.source, card.system, card.model_name,
                      card.model_version));
    print(finding_verdicts(context, findings));
  } else {
    print(finding_lines(findings, format));
  }
  if (options.import) {
    if (auto imported =
            import_scan_findings(context, {findings, "ai/" + scan->reading.card.system});
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

void add_scan_ai_modelcard(CLI::App& scan, Action& selected, const Help& help) {
  auto options = std::make_shared<ModelCardOptions>();
  CLI::App* command = scan.add_subcommand(
      "ai-modelcard", help("An AI system's model card, complete and current (Art. 52)",
                           "AI 系統之模型說明卡完整且為最新（第五十二條）"));
  command
      ->add_option("card", options->card,
                   help("the model card (YAML, etguard.model_card 1.0)",
                        "模型說明卡（YAML，etguard.model_card 1.0）"))
      ->required();
  command->add_option("--format", options->format, "table | jsonl | ocsf")->capture_default_str();
  command->add_flag("--import", options->import,
                    help("record the result as evidence for ET-52 (partly) on ai/<system>",
                         "將結果記為 ai/<system> 之 ET-52 佐證資料（部分）"));
  command->footer(help.footer(
      "Inside a workspace the card is compared with the AI register: its system must be there, "
      "and the card confirmed no earlier than the system's last review. Exit 0 when complete "
      "and current, 1 when not, 2 on a card that cannot be read.",
      "於工作區內時與 AI 清冊比對：其系統須在清冊中，且說明卡確認日不早於系統最近一次審查。"
      "完整且為最新時結束碼為 0，否則為 1，無法讀取時為 2。",
      "  etguard scan ai-modelcard models/robo-advisor.card.yaml\n"
      "  etguard --workspace ws scan ai-modelcard models/robo-advisor.card.yaml --import"));
  command->callback([&selected, options] {
    selected = [options](const Context& context) {
      return run_scan_ai_modelcard(context, *options);
    };
  });
}

}  // namespace etguard::cli
