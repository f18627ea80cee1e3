// ai.genai_prompts: no personal data, classified information or credential
// was given to an external generative-AI model in the prompts an AI gateway
// logged (Art. 53(2)). What was sent to a closed model on premises — the
// clause's proviso — is reported as a warning: it is allowed only once the
// environment's security is confirmed, by the information's confidentiality
// level, which no log shows. Records the scan could not read are a warning
// too: they were not judged; an input that could not be read at all makes
// a clean result an error. The clause is supported, not proved: unmarked
// business secrets and prompts that bypass the gateway are beyond a log scan.
#include "checks/ai/genai_prompts/check.h"

#include <fmt/format.h>

#include <algorithm>

namespace etguard::ai_checks::genai_prompts {
namespace {

namespace pii = etguard::pii;

// Partly: what the gateway logged holds no personal data, classification
// marking or credential; unmarked business secrets, and prompts that bypass
// the gateway, are beyond a log scan.
constexpr std::string_view kPartialNodes[] = {"ET-53.2"};
constexpr std::size_t kUsersNamed = 5;

std::string types_text(const pii::GenaiTally& tally) {
  std::string text;
  for (const auto& [type, count] : tally.by_type) {
    text += fmt::format("{}{} {}", text.empty() ? "" : ", ", type, count);
  }
  return text;
}

// The users who sent most to external models, most first.
std::vector<std::pair<std::string, std::uint64_t>> top_senders(const pii::GenaiSummary& summary) {
  std::vector<std::pair<std::string, std::uint64_t>> senders;
  for (const auto& [user, tally] : summary.by_user) {
    if (tally.external > 0) {
      senders.emplace_back(user.empty() ? "(unnamed)" : user, tally.external);
    }
  }
  std::ranges::stable_sort(senders, std::ranges::greater{},
                           &std::pair<std::string, std::uint64_t>::second);
  senders.resize(std::min(senders.size(), kUsersNamed));
  return senders;
}

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "ai.genai_prompts",
      .title = {.zh = "未向外部生成式 AI 提供個資、機密資訊或憑證",
                .en = "No personal data, classified information or credentials given to "
                      "external generative AI"},
      .node_ids = {},
      .partial_node_ids = kPartialNodes,
      .severity = check::Severity::kHigh,
      .rationale = {.zh =
                        "第五十三條第二項：無適當管控機制下，人員不得向生成式人工智慧提供應保密、"
                        "未經個人或組織同意公開之資訊，亦不得詢問可能涉及機密業務或個人資料之問題；"
                        "封閉式地端部署模型於確認系統環境安全後，得依資訊機密等級提供。",
                    .en = "Art. 53(2): without appropriate controls, personnel shall not give "
                          "generative AI information that must be kept confidential or has not "
                          "been approved for disclosure, nor ask it questions involving "
                          "confidential business or personal data; a closed on-premises model "
                          "may receive information by its confidentiality level once the "
                          "environment's security is confirmed."},
      .remediation = {.zh = "於 AI 閘道啟用資料外洩防護（遮罩或阻擋個資、機密標示與憑證），"
                            "通知並教育所列使用者；外洩之憑證應立即撤銷更換。",
                      .en = "Enable data loss prevention on the AI gateway (mask or block "
                            "personal data, classification markings and credentials), notify "
                            "and train the users listed, and revoke and rotate any credential "
                            "that was sent."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const AiEvidence& evidence) {
  if (evidence.prompts == nullptr) {
    return std::nullopt;
  }
  return judge(*evidence.prompts);
}

check::Assessment judge(const pii::GenaiSummary& summary) {
  check::Assessment assessment;
  const pii::GenaiTally& external = summary.external;
  const pii::GenaiTally& on_premises = summary.on_premises;
  const auto senders = top_senders(summary);
  if (external.findings > 0) {
    std::string users_en;
    std::string users_zh;
    for (const auto& [user, count] : senders) {
      users_en += fmt::format("{}{} ({})", users_en.empty() ? "" : ", ", user, count);
      users_zh += fmt::format("{}{}（{}）", users_zh.empty() ? "" : "、", user, count);
    }
    assessment.add(check::Reason{
        "GENAI_SENSITIVE_SENT",
        fmt::format("{} prompts sent sensitive data to external models ({}); most by {}",
                    external.prompts, types_text(external), users_en),
        fmt::format("{} 則提示將敏感資料送至外部模型（{}）；最多者：{}", external.prompts,
                    types_text(external), users_zh)});
  }
  if (on_premises.findings > 0) {
    assessment.add(check::Reason{
        "GENAI_SENSITIVE_ON_PREMISES",
        fmt::format("{} prompts gave sensitive data to on-premises models ({}): allowed only "
                    "by confidentiality level once the environment's security is confirmed",
                    on_premises.prompts, types_text(on_premises)),
        fmt::format("{} 則提示將敏感資料提供予地端模型（{}）：僅於確認系統環境安全後依機密等級"
                    "得提供",
                    on_premises.prompts, types_text(on_premises)),
        true});
  }
  if (summary.bad_records > 0) {
    assessment.add(check::Reason{
        "GENAI_RECORDS_UNREAD",
        fmt::format("{} log lines could not be read and were not judged", summary.bad_records),
        fmt::format("{} 行日誌無法讀取，未納入判斷", summary.bad_records), true});
  }
  for (const std::string& unreadable : summary.unreadable) {
    assessment.add(check::Reason{"GENAI_INPUT_UNREADABLE",
                                 fmt::format("not scanned: {}", unreadable),
                                 fmt::format("未掃描：{}", unreadable)});
  }
  nlohmann::ordered_json users = nlohmann::ordered_json::object();
  for (const auto& [user, count] : senders) {
    users[user] = count;
  }
  assessment.evidence = {{"paths", summary.paths},
                         {"records", summary.records},
                         {"prompts", summary.prompts},
                         {"prompt_bytes", summary.prompt_bytes},
                         {"skipped_records", summary.bad_records},
                         {"external",
                          {{"prompts", external.prompts},
                           {"findings", external.findings},
                           {"by_type", external.by_type}}},
                         {"on_premises",
                          {{"prompts", on_premises.prompts},
                           {"findings", on_premises.findings},
                           {"by_type", on_premises.by_type}}},
                         {"top_external_senders", users}};
  if (external.findings > 0) {
    assessment.verdict = check::Verdict::kFail;
  } else {
    // A log that could not be read proves nothing either way.
    assessment.verdict =
        summary.unreadable.empty() ? check::Verdict::kPass : check::Verdict::kError;
  }
  return assessment;
}

}  // namespace etguard::ai_checks::genai_prompts
