// etguard ai assess [SYSTEM]: the risk tier of each AI system (Art. 46) and
// every factor's contribution; docs/ai-risk.md.
#include <fmt/format.h>

#include "app/ai_risk.h"
#include "cli/command.h"
#include "cli/finding_output.h"
#include "cli/open_workspace.h"
#include "cli/scan_import.h"

namespace etguard::cli {
namespace {

struct AiAssessOptions {
  app::AiRiskRequest request;
  std::string format = "table";
  bool print_model = false;
  bool import = false;
};

std::string yes_no(const Context& context, bool value) {
  return std::string(
      context.tr(value ? Text{.zh = "是", .en = "yes"} : Text{.zh = "否", .en = "no"}));
}

std::string factor_value(const Context& context, const assess::FactorScore& score) {
  if (!score.factor->fact.empty()) {
    return yes_no(context, score.value == "true");
  }
  if (!score.recorded) {
    return std::string(context.tr({.zh = "未記錄（以最高計）", .en = "not recorded (worst)"}));
  }
  if (!score.problem.empty()) {
    return fmt::format("{} ({})", score.value,
                       context.tr({.zh = "未知等級，以最高計", .en = "unknown level, worst"}));
  }
  return score.value;
}

void print_system(const Context& context, const app::AiRiskView& view, const assess::AiRisk& risk) {
  const bool zh = context.lang == Lang::kZhTw;
  const std::string tier = risk.tier == nullptr ? "-" : (zh ? risk.tier->zh : risk.tier->en);
  print(zh ? fmt::format("{} {}：{}（{} / {} 分）\n", risk.key, risk.name, tier, risk.score,
                         view.model.max_score())
           : fmt::format("{} {}: {} (score {} of {})\n", risk.key, risk.name, tier, risk.score,
                         view.model.max_score()));
  Table table(
      {std::string(context.tr({.zh = "因素（第四十六條第一項）", .en = "FACTOR (ART. 46(1))"})),
       std::string(context.tr({.zh = "來源", .en = "FROM"})),
       std::string(context.tr({.zh = "值", .en = "VALUE"})),
       std::string(context.tr({.zh = "分數", .en = "POINTS"}))});
  for (const assess::FactorScore& score : risk.factors) {
    table.add({zh ? score.factor->zh : score.factor->en,
               score.factor->fact.empty() ? "detail:" + score.factor->detail
                                          : "fact:" + score.factor->fact,
               factor_value(context, score), std::to_string(score.points)});
  }
  print(table.render(terminal_width()));
  if (risk.tier != nullptr) {
    std::string due;
    if (risk.last_review.empty()) {
      due = std::string(context.tr({.zh = "無審查紀錄（dates.last_review），應即審查",
                                    .en = "no review recorded (dates.last_review): due now"}));
    } else {
      const bool overdue = risk.next_review < view.today;
      due = zh ? fmt::format("上次 {}，下次 {}{}", risk.last_review, risk.next_review,
                             overdue ? "（已逾期）" : "")
               : fmt::format("last {}, next {}{}", risk.last_review, risk.next_review,
                             overdue ? " (overdue)" : "");
    }
    print(zh ? fmt::format("定期審查（第四十六條第二、三項）：每 {} 個月；{}\n",
                           risk.tier->review_months, due)
             : fmt::format("Periodic review (Art. 46(2), (3)): every {} months; {}\n",
                           risk.tier->review_months, due));
    if (risk.tier->independent_review) {
      print(std::string(context.tr(
                {.zh = "依風險模型，由具人工智慧專業之獨立第三人審查（第四十六條第三項：得）",
                 .en = "Reviewed by an independent third party with AI expertise, as the risk "
                       "model asks (Art. 46(3): may)"})) +
            "\n");
    }
  }
  if (risk.customer_facing) {
    const std::string recorded =
        risk.prelaunch_assessment.empty()
            ? std::string(context.tr({.zh = "未記錄（dates.prelaunch_assessment）",
                                      .en = "none recorded (dates.prelaunch_assessment)"}))
            : risk.prelaunch_assessment;
    print(zh ? fmt::format("與消費者直接互動：上線前資安、法遵及風控評估（第四十六條第四項）：{}\n",
                           recorded)
             : fmt::format("Interacts with consumers: pre-launch assessment by security, "
                           "compliance and risk (Art. 46(4)): {}\n",
                           recorded));
  }
}

Result<int> run_ai_assess(const Context& context, const AiAssessOptions& options) {
  if (options.print_model) {
    print(std::string(app::default_ai_risk_model()));
    return kExitOk;
  }
  const std::string format = context.json ? "json" : options.format;
  if (format != "table" && format != "json" && format != "jsonl" && format != "ocsf") {
    return usage_error(
        fmt::format("unknown --format '{}'; use table, json, jsonl or ocsf", format),
        fmt::format("未知的 --format '{}'；請用 table、json、jsonl 或 ocsf", format));
  }
  auto session = open_session(context, Access::kReadOnly);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto view = app::assess_ai_systems(*session, options.request);
  if (!view) {
    return std::unexpected(view.error());
  }
  // The checks' verdicts, when they are recorded or printed.
  const bool verdicts = options.import || format == "jsonl" || format == "ocsf";
  const std::vector<app::FindingsImport> systems =
      verdicts ? app::ai_risk_findings(**view) : std::vector<app::FindingsImport>{};
  if (options.import) {
    for (const app::FindingsImport& system : systems) {
      if (auto imported = import_scan_findings(context, system); !imported) {
        return std::unexpected(imported.error());
      }
    }
  }
  if (format == "json") {
    print_json(app::ai_risk_json(**view));
    return kExitOk;
  }
  if (format == "jsonl" || format == "ocsf") {
    for (const app::FindingsImport& system : systems) {
      print(finding_lines(system.findings, format));
    }
    return kExitOk;
  }
  if ((*view)->systems.empty()) {
    print(std::string(context.tr({.zh = "AI 清冊中無系統\n", .en = "the AI register is empty\n"})));
    return kExitOk;
  }
  for (std::size_t i = 0; i < (*view)->systems.size(); ++i) {
    print(i == 0 ? "" : "\n");
    print_system(context, **view, (*view)->systems[i]);
  }
  return kExitOk;
}

Result<int> run_ai_model_set(const Context& context, const std::string& file) {
  auto session = open_session(context);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto sha256 = app::set_ai_risk_model(*session, file);
  if (!sha256) {
    return std::unexpected(sha256.error());
  }
  print(context.lang == Lang::kZhTw
            ? fmt::format("風險模型已設定：{}（SHA-256 {}），變更已記入稽核鏈\n", file, *sha256)
            : fmt::format("risk model set: {} (SHA-256 {}), the change recorded in the ledger\n",
                          file, *sha256));
  return kExitOk;
}

Result<int> run_ai_model_show(const Context& context) {
  auto session = open_session(context, Access::kReadOnly);
  if (!session) {
    return std::unexpected(session.error());
  }
  auto model = app::ai_risk_model(*session);
  if (!model) {
    return std::unexpected(model.error());
  }
  fmt::print(
      stderr, "{}\n",
      model->sha256.empty()
          ? std::string(context.tr({.zh = "使用內建風險模型", .en = "the built-in risk model"}))
          : fmt::format("{} {}",
                        context.tr({.zh = "工作區之風險模型", .en = "the workspace's risk model"}),
                        model->sha256));
  print(model->text);
  return kExitOk;
}

}  // namespace

void add_ai_command(CLI::App& app, Action& selected, const Help& help) {
  CLI::App* ai = app.add_subcommand("ai", help("AI systems (Chapter 8)", "人工智慧系統（第八章）"));
  ai->require_subcommand(1);
  auto options = std::make_shared<AiAssessOptions>();
  CLI::App* assess = ai->add_subcommand(
      "assess", help("The risk tier of AI systems and each factor's contribution (Art. 46)",
                     "AI 系統之風險分級及各因素之分數（第四十六條）"));
  assess->add_option("system", options->request.system,
                     help("an id of the AI register; none: every AI system",
                          "AI 清冊之編號；未指定時為全部 AI 系統"));
  assess->add_option("--model", options->request.model_file,
                     help("a risk model file (YAML; see --print-model); default: the "
                          "workspace's (ai model set), else the built-in one",
                          "風險模型檔（YAML；見 --print-model）；預設為工作區所設者（ai model "
                          "set），否則為內建模型"));
  assess
      ->add_option("--format", options->format,
                   help("table | json (etguard.ai_risk) | jsonl | ocsf (the checks' verdicts)",
                        "table | json（etguard.ai_risk）| jsonl | ocsf（檢查結果）"))
      ->capture_default_str();
  assess->add_flag("--print-model", options->print_model,
                   help("write the built-in risk model and exit", "輸出內建風險模型後結束"));
  assess->add_flag("--import", options->import,
                   help("record the checks' verdicts (ET-46.1–46.4, partly) for each system",
                        "將各系統之檢查結果記為佐證資料（ET-46.1–46.4，部分）"));
  assess->footer(help.footer(
      "Factors are the AI register's facts (customer_facing, material_impact) and details "
      "(risk_personal_data, risk_autonomy, risk_complexity, risk_stakeholders, risk_remedy); an "
      "unrecorded factor counts at its worst. Dates: last_review, prelaunch_assessment.",
      "因素取自 AI 清冊之事實（customer_facing、material_impact）與細節（risk_personal_data、"
      "risk_autonomy、risk_complexity、risk_stakeholders、risk_remedy）；未記錄者以最高計。"
      "日期：last_review、prelaunch_assessment。",
      "  etguard ai assess\n"
      "  etguard --lang zh-TW ai assess robo-advisor\n"
      "  etguard ai assess --print-model > ai-risk-model.yaml\n"
      "  etguard ai assess --model ai-risk-model.yaml --json\n"
      "  etguard ai model set ai-risk-model.yaml    # then every ai assess uses it\n"
      "  etguard ai assess --import"));
  assess->callback([&selected, options] {
    selected = [options](const Context& context) { return run_ai_assess(context, *options); };
  });
  CLI::App* model =
      ai->add_subcommand("model", help("The workspace's AI risk model, versioned in the ledger",
                                       "工作區之 AI 風險模型（版本記入稽核鏈）"));
  model->require_subcommand(1);
  auto file = std::make_shared<std::string>();
  CLI::App* set = model->add_subcommand(
      "set", help("Make a risk model file the workspace's", "將風險模型檔設為工作區所用者"));
  set->add_option("file", *file,
                  help("the model (YAML; see ai assess --print-model)",
                       "風險模型（YAML；見 ai assess --print-model）"))
      ->required();
  set->callback([&selected, file] {
    selected = [file](const Context& context) { return run_ai_model_set(context, *file); };
  });
  CLI::App* show = model->add_subcommand(
      "show", help("Print the risk model the workspace assesses with", "輸出工作區所用之風險模型"));
  show->callback([&selected] {
    selected = [](const Context& context) { return run_ai_model_show(context); };
  });
}

}  // namespace etguard::cli
