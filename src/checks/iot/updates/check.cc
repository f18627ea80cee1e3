// iot.updates: a device was updated recently enough, and runs the version
// its register entry approves. Fails when the register records no update
// (dates.firmware_update), when the last one is older than the firm's update
// period (12 months unless --update-months says otherwise) or later than
// today, and when the scan saw the registered software (details.software, as
// nmap -sV names the product) at another version than details.firmware_version.
// Partly ET-23: a date and a version show that updates happen, not that the
// device has a secure update mechanism.
#include "checks/iot/updates/check.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/clock.h"
#include "core/text.h"

namespace etguard::iot_checks::updates {
namespace {

constexpr std::string_view kPartialNodes[] = {"ET-23"};

void judge_date(const iot::Device& device, const IotPolicy& policy, check::Assessment& assessment) {
  const std::string who = "iot/" + device.id;
  if (device.firmware_update.empty()) {
    assessment.add({"IOT_NO_UPDATE_RECORD",
                    fmt::format("{}: the register records no update (dates.firmware_update)", who),
                    fmt::format("{}：清冊未記載更新日期（dates.firmware_update）", who)});
    return;
  }
  const std::string oldest = add_months(policy.today, -policy.update_months);
  if (device.firmware_update > policy.today) {
    assessment.add(
        {"IOT_UPDATE_DATE_FUTURE",
         fmt::format("{}: updated {}, after today {}", who, device.firmware_update, policy.today),
         fmt::format("{}：更新日期 {} 晚於今日 {}", who, device.firmware_update, policy.today)});
  } else if (device.firmware_update < oldest) {
    assessment.add({"IOT_UPDATE_OVERDUE",
                    fmt::format("{}: last updated {}, more than {} months before {}", who,
                                device.firmware_update, policy.update_months, policy.today),
                    fmt::format("{}：最近更新於 {}，距 {} 已逾 {} 個月", who,
                                device.firmware_update, policy.today, policy.update_months)});
  }
}

nlohmann::ordered_json judge_version(const iot::DeviceSighting& sighting,
                                     check::Assessment& assessment) {
  const iot::Device& device = *sighting.device;
  nlohmann::ordered_json observed = nlohmann::ordered_json::array();
  if (device.software.empty() || device.firmware_version.empty() || !sighting.seen) {
    return observed;
  }
  const std::string who = "iot/" + device.id;
  const std::string software = ascii_lower(device.software);
  for (const iot::Port& port : sighting.open_ports) {
    if (ascii_lower(port.product) != software || port.version.empty()) {
      continue;
    }
    observed.push_back(
        {{"port", fmt::format("{}/{}", port.number, port.protocol)}, {"version", port.version}});
    if (port.version != device.firmware_version) {
      assessment.add(
          {"IOT_VERSION_NOT_APPROVED",
           fmt::format("{}: {} {} on {}/{}, the register approves {}", who, port.product,
                       port.version, port.number, port.protocol, device.firmware_version),
           fmt::format("{}：{}/{} 執行 {} {}，清冊核定版本為 {}", who, port.number, port.protocol,
                       port.product, port.version, device.firmware_version)});
    }
  }
  if (observed.empty()) {
    assessment.add({"IOT_VERSION_NOT_SEEN",
                    fmt::format("{}: the scan did not show {}'s version (scan with -sV)", who,
                                device.software),
                    fmt::format("{}：掃描未顯示 {} 之版本（請以 -sV 掃描）", who, device.software),
                    true});
  }
  return observed;
}

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "iot.updates",
      .title = {.zh = "物聯網設備定期更新且執行核定版本",
                .en = "An IoT device is updated periodically and runs the approved version"},
      .node_ids = {},
      .partial_node_ids = kPartialNodes,
      .severity = check::Severity::kHigh,
      .rationale = {.zh = "第二十三條：組織建置之物聯網設備應具備安全性更新機制且定期更新，以維持"
                          "設備的可用性與完整性。",
                    .en = "Art. 23: IoT devices shall have a security update mechanism and be "
                          "updated periodically, to keep them available and intact."},
      .remediation = {.zh = "更新設備韌體並於清冊記載更新日期（dates.firmware_update）與核定版本"
                            "（details.firmware_version）。",
                      .en = "Update the device's firmware and record the date "
                            "(dates.firmware_update) and the approved version "
                            "(details.firmware_version) in the register."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const IotEvidence& evidence) {
  if (evidence.device == nullptr || evidence.policy == nullptr ||
      evidence.device->device->unmanaged_sensor) {
    return std::nullopt;
  }
  const iot::DeviceSighting& sighting = *evidence.device;
  const iot::Device& device = *sighting.device;
  check::Assessment assessment;
  judge_date(device, *evidence.policy, assessment);
  nlohmann::ordered_json observed = judge_version(sighting, assessment);
  if (evidence.with_evidence) {
    assessment.evidence = {{"device", "iot/" + device.id},
                           {"firmware_update", device.firmware_update},
                           {"update_months", evidence.policy->update_months},
                           {"today", evidence.policy->today},
                           {"software", device.software},
                           {"approved_version", device.firmware_version},
                           {"observed", std::move(observed)}};
  }
  return check::Assessment::from_reasons(std::move(assessment.reasons),
                                         std::move(assessment.evidence));
}

}  // namespace etguard::iot_checks::updates
