// ai.model_documentation: an AI system's model card and data sheet is
// complete — intended use and its limits, the data and how it was prepared,
// training and evaluation, limitations, the lifecycle documents kept, and an
// approved change record of data, model and algorithm whose latest version
// is the model's — and current: its system is in the AI register, and the
// card was confirmed no earlier than the system's last review. Partly ET-52:
// the card says what is kept and where, not that the documents themselves
// can be examined.
#include "checks/ai/model_documentation/check.h"

#include <fmt/format.h>

namespace etguard::ai_checks::model_documentation {
namespace {

constexpr std::string_view kPartialNodes[] = {"ET-52"};

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "ai.model_documentation",
      .title = {.zh = "AI 系統之模型說明卡完整且為最新",
                .en = "An AI system's model card is complete and current"},
      .node_ids = {},
      .partial_node_ids = kPartialNodes,
      .severity = check::Severity::kMedium,
      .rationale = {.zh =
                        "第五十二條：組織自行或委外開發、優化人工智慧系統時，應保存生命週期必要之"
                        "技術文件及可能影響決策之資料、模型或演算法等紀錄，以確保必要時可被查驗。",
                    .en = "Art. 52: whoever develops or optimizes an AI system shall keep the "
                          "lifecycle's technical documentation and the records of data, models "
                          "and algorithms that may affect decisions, so they can be examined."},
      .remediation = {.zh = "補齊模型說明卡所缺之項目，於每次審查時確認並更新 reviewed 日期。",
                      .en = "Fill in what the model card lacks, and confirm it at each review "
                            "(its reviewed date)."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const AiEvidence& evidence) {
  if (evidence.model_card == nullptr || evidence.model_card->reading == nullptr) {
    return std::nullopt;
  }
  const ModelCardReview& review = *evidence.model_card;
  const modelcard::Card& card = review.reading->card;
  check::Assessment assessment;
  for (const modelcard::Gap& gap : review.reading->gaps) {
    assessment.add(check::Reason{"AI_CARD_INCOMPLETE", fmt::format("{}: {}", card.source, gap.en),
                                 fmt::format("{}：{}", card.source, gap.zh)});
  }
  if (review.register_consulted && !review.in_register) {
    assessment.add(check::Reason{
        "AI_CARD_NOT_IN_REGISTER",
        fmt::format("{}: system '{}' is not in the AI register", card.source, card.system),
        fmt::format("{}：AI 清冊中無系統 '{}'", card.source, card.system)});
  }
  if (!review.last_review.empty() && !card.reviewed.empty() && card.reviewed < review.last_review) {
    assessment.add(check::Reason{"AI_CARD_STALE",
                                 fmt::format("{}: confirmed {}, before the system's last review {}",
                                             card.source, card.reviewed, review.last_review),
                                 fmt::format("{}：確認於 {}，早於系統最近一次審查 {}", card.source,
                                             card.reviewed, review.last_review)});
  }
  if (!review.register_consulted) {
    assessment.add(check::Reason{"AI_CARD_REGISTER_NOT_CONSULTED",
                                 "no workspace: the card was not compared with the AI register",
                                 "無工作區：未與 AI 清冊比對", true});
  }
  assessment.evidence = {{"card", card.source},
                         {"system", card.system},
                         {"model", card.model_name},
                         {"version", card.model_version},
                         {"changes", card.changes.size()},
                         {"documents", card.documents.size()},
                         {"reviewed", card.reviewed},
                         {"register_last_review", review.last_review},
                         {"gaps", review.reading->gaps.size()}};
  bool failed = false;
  for (const check::Reason& reason : assessment.reasons) {
    failed = failed || !reason.warning;
  }
  assessment.verdict = failed ? check::Verdict::kFail : check::Verdict::kPass;
  return assessment;
}

}  // namespace etguard::ai_checks::model_documentation
