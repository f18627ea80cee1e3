// cloud.threats: Threat and vulnerability detection and alerting, judged from the
// posture tool checks mapped to topic "threats" (src/cloud/mappings) for one
// registered service: fail when any failed, pass when some passed and none
// failed. Partial for every clause: a tool's settings show part of each.
#include "checks/cloud/threats/check.h"

namespace etguard::cloud_checks::threats {

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "cloud.threats",
      .title = {.zh = "威脅與弱點偵測及告警",
                .en = "Threat and vulnerability detection and alerting"},
      .node_ids = {},
      .partial_node_ids = topic_clauses(cloud::Topic::kThreats),
      .severity = check::Severity::kHigh,
      .rationale =
          {.zh =
               "第八條：應有弱點評估與病毒防護等控管；第八條第三款第二目：應建立威脅與弱點偵測及管"
               "理流程；第三目：宜訂定監控分析之關聯規則；第八條第四款第四目：應實施進階威脅防禦。",
           .en = "Art. 8: control measures such as virus protection and vulnerability assessment; "
                 "Art. 8.3.2: a threat and vulnerability detection and management process; 8.3.3: "
                 "correlation rules for monitoring; 8.4.4: advanced threat defence."},
      .remediation =
          {.zh = "啟用雲端威脅偵測與弱點掃描服務，處理其高風險發現，並為重大組態變更設定告警。",
           .en = "Enable the cloud's threat detection and vulnerability scanning services, resolve "
                 "their high-severity findings, and set alarms on significant configuration "
                 "changes."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const CloudEvidence& evidence) {
  return judge_topic(evidence, cloud::Topic::kThreats);
}

}  // namespace etguard::cloud_checks::threats
