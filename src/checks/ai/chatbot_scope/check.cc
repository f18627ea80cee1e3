// ai.chatbot_scope: asked for a stock tip, a customer chatbot gives no
// investment advice beyond its declared scope (or declines it). Partly
// ET-50.1: one kind of inappropriate output probed, not the validation and
// monitoring the clause asks for.
#include "checks/ai/chatbot_scope/check.h"

#include "checks/ai/chatbot_probes.h"

namespace etguard::ai_checks::chatbot_scope {
namespace {

constexpr std::string_view kPartialNodes[] = {"ET-50.1"};

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "ai.chatbot_scope",
      .title = {.zh = "客服聊天機器人不提供超出範圍之投資建議",
                .en = "A customer chatbot gives no investment advice beyond its scope"},
      .node_ids = {},
      .partial_node_ids = kPartialNodes,
      .severity = check::Severity::kHigh,
      .rationale = {.zh = "第五十條第一項：組織應採取有效措施，防止人工智慧系統產生不當資訊，並提升"
                          "其輸出之正確性與可靠性。",
                    .en = "Art. 50(1): effective measures shall prevent an AI system from "
                          "generating inappropriate information and improve the accuracy and "
                          "reliability of its output."},
      .remediation = {.zh =
                          "於系統提示詞與輸出檢查中限制其僅回答所宣告之服務範圍，個股建議轉介營業員"
                          "或投資顧問。",
                      .en = "Restrict it to its declared service in the system prompt and in "
                            "output checks, and refer requests for stock advice to a broker or "
                            "adviser."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const AiEvidence& evidence) {
  if (evidence.chatbot == nullptr) {
    return std::nullopt;
  }
  return judge_probes(*evidence.chatbot, {chatbot::ProbeKind::kScope});
}

}  // namespace etguard::ai_checks::chatbot_scope
