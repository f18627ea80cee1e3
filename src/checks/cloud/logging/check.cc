// cloud.logging: Cloud audit trails retained, centralised and free of unencrypted data, judged from
// the posture tool checks mapped to topic "logging" (src/cloud/mappings) for one registered
// service: fail when any failed, pass when some passed and none failed. Partial for every clause: a
// tool's settings show part of each.
#include "checks/cloud/logging/check.h"

namespace etguard::cloud_checks::logging {

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "cloud.logging",
      .title = {.zh = "雲端稽核軌跡留存、集中且不含未加密資料",
                .en = "Cloud audit trails retained, centralised and free of unencrypted data"},
      .node_ids = {},
      .partial_node_ids = topic_clauses(cloud::Topic::kLogging),
      .severity = check::Severity::kHigh,
      .rationale = {.zh = "第八條第三款：應留存雲端平台操作之稽核軌跡（第一目），宜集中管理（第四目"
                          "），稽核軌跡不得包含未加密之重要營運或客戶資料（第五目）；重大委外宜監控"
                          "雲端資料之使用（第八條第七款第六目）。",
                    .en = "Art. 8.3: retain audit trails of operations on the cloud platform "
                          "(8.3.1), consider central management (8.3.4), keep unencrypted "
                          "important or customer data out of them (8.3.5); monitor the use of "
                          "cloud data in material outsourcing (8.7.6)."},
      .remediation = {.zh = "啟用全區域之稽核記錄並設定保存期限，集中至受保護之儲存體，以金鑰加密記"
                            "錄並移除記錄中之機敏資料。",
                      .en = "Turn on audit logging in every region with a retention period, "
                            "centralise it in protected storage, encrypt the logs with a key and "
                            "remove sensitive data from them."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const CloudEvidence& evidence) {
  return judge_topic(evidence, cloud::Topic::kLogging);
}

}  // namespace etguard::cloud_checks::logging
