// pii.sensitive_data: the scanned logs, message templates or exports hold no
// unmasked personal data — audit trails without unencrypted customer data
// (Art. 8(3)(5)), de-identified SMS and app notifications (19(1)), data
// minimisation (49(2)). A scan that could not read every input never passes.
#include "checks/pii/sensitive_data/check.h"

#include <fmt/format.h>

namespace etguard::pii_checks::sensitive_data {
namespace {
constexpr std::string_view kNodes[] = {"ET-8.3.5", "ET-19.1", "ET-49.2"};
// Over prompt logs: no personal data given to generative AI; confidential
// business information is beyond what the scanner recognizes.
constexpr std::string_view kPartly[] = {"ET-53.2"};

check::Reason reason(std::string code, std::string en, std::string zh) {
  check::Reason result;
  result.code = std::move(code);
  result.en = std::move(en);
  result.zh = std::move(zh);
  return result;
}
}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "pii.sensitive_data",
      .title = {.zh = "日誌與訊息不含未遮罩之個人資料",
                .en = "Logs and messages hold no unmasked personal data"},
      .node_ids = kNodes,
      .partial_node_ids = kPartly,
      .severity = check::Severity::kHigh,
      .rationale = {.zh = "第八條禁止稽核軌跡含未加密之客戶資料；第十九條要求簡訊與推播之敏感資料"
                          "去識別化；第四十九條要求資料最小化。",
                    .en = "Art. 8 forbids audit trails holding unencrypted customer data; Art. 19 "
                          "requires sensitive data in SMS and push notifications to be "
                          "de-identified; Art. 49 requires data minimisation."},
      .remediation = {.zh = "於寫入日誌或發送訊息前遮罩個資（etguard scan pii --mask），並修正"
                            "產生該內容之程式或範本。",
                      .en = "Mask personal data before it is logged or sent (etguard scan pii "
                            "--mask) and fix the code or template that produces it."},
  };
  return info;
}

check::Assessment evaluate(const pii::ScanSummary& summary) {
  nlohmann::ordered_json by_type = nlohmann::ordered_json::object();
  for (const auto& [type, count] : summary.by_type) {
    by_type[type] = count;
  }
  nlohmann::ordered_json evidence = {{"paths", summary.paths},
                                     {"files", summary.files},
                                     {"bytes", summary.bytes},
                                     {"findings", summary.findings},
                                     {"by_type", by_type}};
  check::Assessment assessment;
  assessment.evidence = evidence;
  if (!summary.unreadable.empty()) {
    assessment.verdict = check::Verdict::kError;
    assessment.add(reason("PII_UNREADABLE",
                          fmt::format("{} input(s) could not be read: {}",
                                      summary.unreadable.size(), summary.unreadable.front()),
                          fmt::format("{} 個輸入無法讀取：{}", summary.unreadable.size(),
                                      summary.unreadable.front())));
    return assessment;
  }
  if (summary.files == 0) {
    assessment.verdict = check::Verdict::kError;
    assessment.add(reason("PII_NO_INPUT", "no file was scanned", "未掃描任何檔案"));
    return assessment;
  }
  if (summary.findings == 0) {
    assessment.verdict = check::Verdict::kPass;
    return assessment;
  }
  std::string types;
  for (const auto& [type, count] : summary.by_type) {
    types += fmt::format("{}{} {}", types.empty() ? "" : ", ", type, count);
  }
  assessment.verdict = check::Verdict::kFail;
  assessment.add(reason("PII_FOUND",
                        fmt::format("{} unmasked value(s) in {} of {} file(s): {}",
                                    summary.findings, summary.by_file.size(), summary.files, types),
                        fmt::format("{} 個檔案中之 {} 個含 {} 筆未遮罩個資：{}", summary.files,
                                    summary.by_file.size(), summary.findings, types)));
  return assessment;
}

}  // namespace etguard::pii_checks::sensitive_data
