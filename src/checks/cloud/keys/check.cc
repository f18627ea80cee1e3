// cloud.keys: Self-managed encryption keys, kept apart, judged from the
// posture tool checks mapped to topic "keys" (src/cloud/mappings) for one
// registered service: fail when any failed, pass when some passed and none
// failed. Partial for every clause: a tool's settings show part of each.
#include "checks/cloud/keys/check.h"

namespace etguard::cloud_checks::keys {

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "cloud.keys",
      .title = {.zh = "自行管理之加密金鑰並與環境隔離",
                .en = "Self-managed encryption keys, kept apart"},
      .node_ids = {},
      .partial_node_ids = topic_clauses(cloud::Topic::kKeys),
      .severity = check::Severity::kMedium,
      .rationale =
          {.zh = "第八條第七款第三目、第四目：宜使用自行管理之加密金鑰，並將加密工具及金鑰存放於隔"
                 "離且安全之網路環境、限制存取來源；第八條第一款第一目之金鑰管理機制。",
           .en = "Art. 8.7.3 and 8.7.4: use self-managed encryption keys and keep encryption tools "
                 "and keys in an isolated, secure network with restricted access sources; the key "
                 "management mechanism of Art. 8.1.1."},
      .remediation =
          {.zh = "改用客戶管理金鑰（CMK／CMEK）、啟用金鑰輪替，並限制金鑰服務之網路存取與政策。",
           .en = "Use customer-managed keys (CMK/CMEK), enable key rotation, and restrict the key "
                 "service's network access and policies."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const CloudEvidence& evidence) {
  return judge_topic(evidence, cloud::Topic::kKeys);
}

}  // namespace etguard::cloud_checks::keys
