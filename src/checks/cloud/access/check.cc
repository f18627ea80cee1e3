// cloud.access: Least privilege and MFA for privileged cloud accounts, judged from the
// posture tool checks mapped to topic "access" (src/cloud/mappings) for one
// registered service: fail when any failed, pass when some passed and none
// failed. Partial for every clause: a tool's settings show part of each.
#include "checks/cloud/access/check.h"

namespace etguard::cloud_checks::access {

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "cloud.access",
      .title = {.zh = "雲端存取權限最小化、特權帳號多因子認證",
                .en = "Least privilege and MFA for privileged cloud accounts"},
      .node_ids = {},
      .partial_node_ids = topic_clauses(cloud::Topic::kAccess),
      .severity = check::Severity::kHigh,
      .rationale =
          {.zh = "第八條第二款：存取權限應採最小化原則，輔以多因子認證、IP "
                 "過濾與防火牆（第一目）；經網際網路直接存取者應強化身分、設備與來源 IP "
                 "識別（第二目）；特權帳號應實施多因子認證（第三目）。",
           .en = "Art. 8.2: access on the principle of least privilege with MFA, IP filtering and "
                 "firewalls (8.2.1); stronger identity, device and source-IP controls for direct "
                 "internet access (8.2.2); MFA for privileged accounts (8.2.3)."},
      .remediation = {.zh = "為特權與根帳號啟用多因子認證，移除過寬之管理權限，關閉不必要之公開存取"
                            "與對網際網路開放之連接埠。",
                      .en = "Enable MFA on privileged and root accounts, remove over-broad "
                            "administrative rights, and close public access and ports open to the "
                            "internet that are not needed."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const CloudEvidence& evidence) {
  return judge_topic(evidence, cloud::Topic::kAccess);
}

}  // namespace etguard::cloud_checks::access
