// cloud.posture: Images, virtual machines and containers, and configuration management, judged from
// the posture tool checks mapped to topic "posture" (src/cloud/mappings) for one registered
// service: fail when any failed, pass when some passed and none failed. Partial for every clause: a
// tool's settings show part of each.
#include "checks/cloud/posture/check.h"

namespace etguard::cloud_checks::posture {

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "cloud.posture",
      .title = {.zh = "映像檔、虛擬機器與容器及組態管理",
                .en = "Images, virtual machines and containers, and configuration management"},
      .node_ids = {},
      .partial_node_ids = topic_clauses(cloud::Topic::kPosture),
      .severity = check::Severity::kMedium,
      .rationale = {.zh =
                        "第八條第四款：應使用可信來源之映像檔並管理其完整性（第一目）、妥善管理虛擬"
                        "機器與容器（第二目）；第八條第五款：應實施組態管理並控管組態變更紀錄。",
                    .en = "Art. 8.4: images from trusted sources with managed integrity (8.4.1), "
                          "virtual machines and containers managed appropriately (8.4.2); Art. "
                          "8.5: configuration management with controlled change records."},
      .remediation =
          {.zh = "只使用核准之映像檔、修補並納管虛擬機器、禁止特權容器，並於所有區域啟用組態記錄。",
           .en = "Use only approved images, patch and manage the virtual machines, forbid "
                 "privileged containers, and record configuration in every region."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const CloudEvidence& evidence) {
  return judge_topic(evidence, cloud::Topic::kPosture);
}

}  // namespace etguard::cloud_checks::posture
