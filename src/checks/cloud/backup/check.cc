// cloud.backup: Cloud data backups and their protection, judged from the
// posture tool checks mapped to topic "backup" (src/cloud/mappings) for one
// registered service: fail when any failed, pass when some passed and none
// failed. Partial for every clause: a tool's settings show part of each.
#include "checks/cloud/backup/check.h"

namespace etguard::cloud_checks::backup {

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "cloud.backup",
      .title = {.zh = "雲端資料備份及其保護", .en = "Cloud data backups and their protection"},
      .node_ids = {},
      .partial_node_ids = topic_clauses(cloud::Topic::kBackup),
      .severity = check::Severity::kMedium,
      .rationale = {.zh = "第九條第三款：應建立雲端資料備份機制與備份清單，備份媒體或檔案應妥善保護"
                          "，確保資訊可用並防止未經授權之存取。",
                    .en = "Art. 9.3: a cloud data backup mechanism and a backup inventory; backup "
                          "media or files are protected to keep information available and prevent "
                          "unauthorised access."},
      .remediation = {.zh = "為資料庫、磁碟與儲存體設定備份計畫及保存期限，並加密備份。",
                      .en = "Set backup plans with retention for the databases, disks and storage "
                            "listed, and encrypt the backups."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const CloudEvidence& evidence) {
  return judge_topic(evidence, cloud::Topic::kBackup);
}

}  // namespace etguard::cloud_checks::backup
