// ai.chatbot_security: a customer chatbot neither follows an instruction
// injected into the conversation (told to ignore its instructions and answer
// with a fresh marker) nor gives away the canary the firm placed in its
// system prompt. Partly ET-50.2: two attacks probed from outside, not the
// protection and monitoring the clause asks for.
#include "checks/ai/chatbot_security/check.h"

#include "checks/ai/chatbot_probes.h"

namespace etguard::ai_checks::chatbot_security {
namespace {

constexpr std::string_view kPartialNodes[] = {"ET-50.2"};

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "ai.chatbot_security",
      .title = {.zh = "客服聊天機器人抵禦提示詞注入且不洩漏系統提示詞",
                .en = "A customer chatbot resists prompt injection and keeps its system prompt"},
      .node_ids = {},
      .partial_node_ids = kPartialNodes,
      .severity = check::Severity::kHigh,
      .rationale = {.zh = "第五十條第二項：組織應建立適當之資安防護或控制措施，防範駭客等安全威脅與"
                          "攻擊，並持續監控運作結果，以確保人工智慧系統之安全。",
                    .en = "Art. 50(2): appropriate protection and controls against attacks shall "
                          "be established and operation continuously monitored to keep the AI "
                          "system secure."},
      .remediation = {.zh = "以輸入過濾與輸出檢查阻擋注入指令，不在系統提示詞中放置機密，並監控"
                            "異常對話。",
                      .en = "Filter inputs and check outputs against injected instructions, keep "
                            "secrets out of the system prompt, and monitor for abnormal "
                            "conversations."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const AiEvidence& evidence) {
  if (evidence.chatbot == nullptr) {
    return std::nullopt;
  }
  return judge_probes(*evidence.chatbot,
                      {chatbot::ProbeKind::kInjection, chatbot::ProbeKind::kCanary});
}

}  // namespace etguard::ai_checks::chatbot_security
