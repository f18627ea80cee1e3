// iot.inventory: the IoT register matches the network a scan saw, and each
// entry records what Art. 22 asks of it. Fails on a host up that no entry
// names (unless listed as not IoT), an entry with an address that was not
// seen, a device found by its MAC at another address or at its address with
// another MAC, an open port the entry does not declare, two entries with one
// address, and an entry that lacks its address, connection, ports, location
// or manager (a sensor without management functions may lack the address
// and ports: it may report through a gateway). Partly ET-22: the yearly update and the assessment
// of physical and access controls are documents, not network facts.
#include "checks/iot/inventory/check.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/iot/grouped_reasons.h"

namespace etguard::iot_checks::inventory {
namespace {

constexpr std::string_view kPartialNodes[] = {"ET-22"};
constexpr std::size_t kListed = 200;  // hosts listed in the evidence; the count is whole

void judge_entry(const iot::DeviceSighting& sighting, GroupedReasons& reasons) {
  const iot::Device& device = *sighting.device;
  const std::string who = "iot/" + device.id;
  std::vector<std::string_view> missing;
  std::vector<std::string_view> missing_zh;
  const auto need = [&](const std::string& value, std::string_view en, std::string_view zh) {
    if (value.empty()) {
      missing.push_back(en);
      missing_zh.push_back(zh);
    }
  };
  // A sensor without a management function may have no address of its own
  // (it reports through a gateway); how it connects is still recorded.
  if (!device.unmanaged_sensor) {
    need(device.address, "address (details.ip)", "網路位址（details.ip）");
  }
  need(device.connection, "connection (details.connection)", "連線方式（details.connection）");
  if (!device.unmanaged_sensor) {
    need(device.ports_text, "ports (details.ports)", "通訊埠（details.ports）");
  }
  need(device.location, "location (details.location)", "存放位置（details.location）");
  need(device.manager, "manager (owner)", "管理人員（owner）");
  if (!missing.empty()) {
    reasons.add("IOT_ENTRY_INCOMPLETE", "entries that do not record what Art. 22 names",
                "清冊項目未記載第二十二條所列事項",
                fmt::format("{} lacks its {}", who, fmt::join(missing, ", ")),
                fmt::format("{} 未記載{}", who, fmt::join(missing_zh, "、")));
  }
  for (const std::string& item : sighting.unreadable_ports) {
    reasons.add("IOT_PORT_UNREADABLE",
                "details.ports items that are not ports (write 554 or 161/udp)",
                "details.ports 中非通訊埠之項目（請寫 554 或 161/udp）",
                fmt::format("{} '{}'", who, item), fmt::format("{} '{}'", who, item));
  }
  if (device.address.empty() && !sighting.seen) {
    return;  // nothing to reconcile it by; reported as incomplete above
  }
  if (!sighting.seen) {
    reasons.add("IOT_NOT_SEEN", "entries not seen up in the scan", "掃描中未見上線之清冊項目",
                fmt::format("{} ({})", who, device.address),
                fmt::format("{}（{}）", who, device.address));
    return;
  }
  if (sighting.found_by_mac) {
    const std::string registered = device.address.empty() ? "no address" : device.address;
    reasons.add("IOT_ADDRESS_CHANGED", "devices found by their MAC at another address",
                "依 MAC 於其他位址找到之設備",
                fmt::format("{} registered at {}, seen at {} (MAC {})", who, registered,
                            sighting.seen_address, sighting.seen_mac),
                fmt::format("{} 登錄位址 {}，實際於 {}（MAC {}）", who,
                            device.address.empty() ? "（無）" : device.address,
                            sighting.seen_address, sighting.seen_mac));
  } else if (!device.mac.empty() && !sighting.seen_mac.empty() &&
             iot::normalize_mac(device.mac) != iot::normalize_mac(sighting.seen_mac)) {
    reasons.add("IOT_MAC_CHANGED", "devices whose MAC is not the registered one",
                "MAC 與清冊不符之設備",
                fmt::format("{} at {}: MAC {}, registered {}", who, sighting.seen_address,
                            sighting.seen_mac, device.mac),
                fmt::format("{} 於 {}：MAC {}，清冊記載 {}", who, sighting.seen_address,
                            sighting.seen_mac, device.mac));
  }
  if (!sighting.undeclared.empty()) {
    reasons.add("IOT_UNDECLARED_PORT", "open ports the register does not declare",
                "開啟但清冊未記載之通訊埠",
                fmt::format("{} {}", who, iot::port_list(sighting.undeclared)),
                fmt::format("{} {}", who, iot::port_list(sighting.undeclared)));
  }
  if (!sighting.declared_closed.empty()) {
    reasons.add("IOT_DECLARED_PORT_CLOSED", "declared ports the scan found not open",
                "清冊記載但掃描未見開啟之通訊埠",
                fmt::format("{} {}", who, iot::port_list(sighting.declared_closed)),
                fmt::format("{} {}", who, iot::port_list(sighting.declared_closed)), true);
  }
}

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "iot.inventory",
      .title = {.zh = "物聯網設備管理清冊與網路實況相符",
                .en = "The IoT device inventory matches the network"},
      .node_ids = {},
      .partial_node_ids = kPartialNodes,
      .severity = check::Severity::kMedium,
      .rationale = {.zh = "第二十二條：組織應建立物聯網設備管理清冊並至少每年更新一次，以識別設備"
                          "用途、網路設定（含網路 IP、連線方式及使用之通訊埠等）、存放位置與管理"
                          "人員。",
                    .en = "Art. 22: the organization shall keep an IoT device inventory, updated "
                          "at least yearly, identifying each device's purpose, network settings "
                          "(IP address, connection method, ports used), location and manager."},
      .remediation = {.zh = "將網路上之設備登錄於清冊，更正位址、MAC 與通訊埠，補齊各項記載；非"
                            "物聯網設備以 --not-iot 列出。",
                      .en = "Register the devices found on the network, correct addresses, MACs "
                            "and ports, complete every entry; list hosts that are not IoT "
                            "devices with --not-iot."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const IotEvidence& evidence) {
  if (evidence.inventory == nullptr) {
    return std::nullopt;
  }
  const iot::Reconciliation& reconciliation = *evidence.inventory;
  check::Assessment assessment;
  GroupedReasons reasons;
  for (const std::string& address : reconciliation.duplicate_addresses) {
    reasons.add("IOT_DUPLICATE_ADDRESS", "addresses that two register entries give",
                "兩筆清冊項目登錄之同一位址", address, address);
  }
  for (const iot::DeviceSighting& sighting : reconciliation.devices) {
    judge_entry(sighting, reasons);
  }
  nlohmann::ordered_json unknown = nlohmann::ordered_json::array();
  for (const iot::UnknownHost& host : reconciliation.unknown) {
    if (unknown.size() < kListed) {
      nlohmann::ordered_json ports = nlohmann::ordered_json::array();
      for (const iot::PortKey& port : host.open) {
        ports.push_back(port.text());
      }
      unknown.push_back({{"address", host.address},
                         {"mac", host.mac},
                         {"vendor", host.vendor},
                         {"hostname", host.hostname},
                         {"open_ports", std::move(ports)}});
    }
  }
  for (const iot::UnknownHost& host : reconciliation.unknown) {
    reasons.add(
        "IOT_NOT_IN_REGISTER",
        fmt::format("{} host(s) up that no register entry names", reconciliation.unknown.size()),
        fmt::format("{} 台上線主機未登錄於清冊", reconciliation.unknown.size()),
        host.vendor.empty() ? host.address : fmt::format("{} ({})", host.address, host.vendor),
        host.vendor.empty() ? host.address : fmt::format("{}（{}）", host.address, host.vendor));
  }
  reasons.add_to(assessment);
  if (evidence.policy != nullptr && evidence.policy->zones.empty()) {
    assessment.add({"IOT_ZONES_NOT_SCANNED",
                    "no scan from another zone (--from-zone): which zones reach the devices is "
                    "not judged",
                    "無自其他區域之掃描（--from-zone）：未判斷可連線至設備之區域", true});
  }
  if (!reconciliation.scan.finished) {
    assessment.add({"IOT_SCAN_UNFINISHED",
                    "the scan has no end record (interrupted?): hosts it did not reach are "
                    "reported as not seen",
                    "掃描結果無結束紀錄（中斷？）：未掃到之主機視為未見", true});
  }
  std::size_t seen = 0;
  for (const iot::DeviceSighting& sighting : reconciliation.devices) {
    seen += sighting.seen ? 1 : 0;
  }
  assessment.evidence = {{"scanner", "nmap " + reconciliation.scan.scanner_version},
                         {"arguments", reconciliation.scan.args},
                         {"started", reconciliation.scan.started},
                         {"hosts", reconciliation.scan.hosts},
                         {"hosts_up", reconciliation.scan.hosts_up},
                         {"registered", reconciliation.devices.size()},
                         {"seen", seen},
                         {"not_in_register", reconciliation.unknown.size()},
                         {"not_iot", reconciliation.ignored},
                         {"unregistered_hosts", std::move(unknown)}};
  return check::Assessment::from_reasons(std::move(assessment.reasons),
                                         std::move(assessment.evidence));
}

}  // namespace etguard::iot_checks::inventory
