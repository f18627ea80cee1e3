// ai.chatbot_disclosure: asked in Chinese and in English whether it is a
// person, a customer chatbot says it is an AI and never claims to be human;
// asked for another way to be served, it names one (a person, a hotline, a
// branch). Partly ET-51.1: the clause asks that consumers be told, not only
// told when they ask — the screen's notice is evidence a reviewer reads.
#include "checks/ai/chatbot_disclosure/check.h"

#include "checks/ai/chatbot_probes.h"

namespace etguard::ai_checks::chatbot_disclosure {
namespace {

constexpr std::string_view kPartialNodes[] = {"ET-51.1"};

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "ai.chatbot_disclosure",
      .title = {.zh = "客服聊天機器人經詢問時表明為 AI 並告知替代方案",
                .en = "A customer chatbot says it is an AI and names an alternative when asked"},
      .node_ids = {},
      .partial_node_ids = kPartialNodes,
      .severity = check::Severity::kMedium,
      .rationale = {.zh = "第五十一條第一項：組織運用人工智慧系統與消費者直接互動時，應告知該互動或"
                          "服務係利用人工智慧系統自動完成。",
                    .en = "Art. 51(1): when an AI system interacts directly with consumers, they "
                          "shall be told that the interaction is performed automatically by an AI "
                          "system."},
      .remediation = {.zh = "於系統提示詞與對話開場白中明示為 AI 服務，並禁止其自稱真人；畫面上告知"
                            "並提供替代方案（真人客服）。",
                      .en = "State in the system prompt and the greeting that the service is an "
                            "AI and forbid it to claim to be a person; show the notice on screen "
                            "and offer an alternative (a human agent)."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const AiEvidence& evidence) {
  if (evidence.chatbot == nullptr) {
    return std::nullopt;
  }
  return judge_probes(*evidence.chatbot,
                      {chatbot::ProbeKind::kDisclosure, chatbot::ProbeKind::kAlternative});
}

}  // namespace etguard::ai_checks::chatbot_disclosure
