// cloud.encryption: Customer data in the cloud is encrypted in transit and at rest, judged from the
// posture tool checks mapped to topic "encryption" (src/cloud/mappings) for one
// registered service: fail when any failed, pass when some passed and none
// failed. Partial for every clause: a tool's settings show part of each.
#include "checks/cloud/encryption/check.h"

namespace etguard::cloud_checks::encryption {

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "cloud.encryption",
      .title = {.zh = "雲端客戶資料於傳輸及儲存時加密",
                .en = "Customer data in the cloud is encrypted in transit and at rest"},
      .node_ids = {},
      .partial_node_ids = topic_clauses(cloud::Topic::kEncryption),
      .severity = check::Severity::kHigh,
      .rationale = {.zh = "第八條第一款第一目：傳輸及儲存客戶資料至雲端時，應採行加密或代碼化等有效"
                          "保護措施；重大委外宜使用 HTTPS、SFTP 等加密協定（第八條第七款第一目）。",
                    .en = "Art. 8.1.1: customer data sent to or stored with the cloud provider is "
                          "protected by encryption or tokenization; material outsourcing should "
                          "use encrypted protocols such as HTTPS and SFTP (Art. 8.7.1)."},
      .remediation =
          {.zh = "對未加密之儲存體、資料庫、佇列與未強制 TLS "
                 "之端點啟用加密，再以工具重新掃描並匯入結果。",
           .en = "Enable encryption on the storage, databases and queues listed and enforce TLS on "
                 "the endpoints listed, then rescan with the tool and import the result."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const CloudEvidence& evidence) {
  return judge_topic(evidence, cloud::Topic::kEncryption);
}

}  // namespace etguard::cloud_checks::encryption
