// iot.exposure: a device is not on the internet unless a firewall with an
// allowlist stands in front of it, and no zone reaches it that its register
// entry does not allow. Fails on a public address (registered or seen)
// without details.firewall, and on a device a scan taken from another zone
// (--from-zone ZONE=SCAN.xml) found with a port open when details.zones does
// not list that zone. Warns when a public address has a firewall recorded
// (its allowlist is not something a scan shows); that no scan from another
// zone was given is said once, by iot.inventory. A wireless device (its
// connection says Wi-Fi, WLAN or 無線) fails unless the register records an
// access point on WPA2 or WPA3 that binds it by MAC (details.wifi_security,
// details.mac_binding). Partly ET-25: the firewall's allowlist and the access
// point's settings are what the register says, not what a scan reads.
#include "checks/iot/exposure/check.h"

#include <fmt/format.h>

#include <algorithm>

#include "checks/iot/grouped_reasons.h"
#include "core/text.h"

namespace etguard::iot_checks::exposure {
namespace {

constexpr std::string_view kPartialNodes[] = {"ET-25"};

bool wireless(const iot::Device& device) {
  return std::ranges::any_of(std::initializer_list<std::string_view>{"wi-fi", "wifi", "wireless",
                                                                     "wlan", "802.11", "無線"},
                             [&](std::string_view word) {
                               return find_ascii_nocase(device.connection, word) !=
                                      std::string::npos;
                             });
}

// Art. 25: a wireless device joins through an access point with an
// encryption protocol (WPA2 or WPA3) that binds it by its MAC.
void judge_wireless(const iot::Device& device, const std::string& who, GroupedReasons& reasons) {
  const std::string security = ascii_lower(device.wifi_security);
  if (security.empty()) {
    reasons.add(
        "IOT_WIRELESS_UNRECORDED",
        fmt::format("{}: a wireless device without its access point's security recorded", who),
        fmt::format("{}：無線設備未記載存取點之加密方式", who), "details.wifi_security",
        "details.wifi_security");
  } else if (!security.starts_with("wpa2") && !security.starts_with("wpa3")) {
    reasons.add("IOT_WIRELESS_WEAK",
                fmt::format("{}: its access point uses neither WPA2 nor WPA3", who),
                fmt::format("{}：存取點未採用 WPA2 或 WPA3", who), device.wifi_security,
                device.wifi_security);
  }
  const std::string binding = ascii_lower(device.mac_binding);
  if (binding != "yes" && binding != "true" && binding != "是") {
    reasons.add("IOT_WIRELESS_NO_MAC_BINDING",
                fmt::format("{}: the access point does not bind it by its MAC", who),
                fmt::format("{}：存取點未以 MAC 白名單綁定設備", who),
                fmt::format("details.mac_binding '{}'", device.mac_binding),
                fmt::format("details.mac_binding '{}'", device.mac_binding));
  }
}

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "iot.exposure",
      .title = {.zh = "物聯網設備未對外公開且僅允許之區域可連線",
                .en = "An IoT device is not exposed, and only allowed zones reach it"},
      .node_ids = {},
      .partial_node_ids = kPartialNodes,
      .severity = check::Severity::kHigh,
      .rationale = {.zh = "第二十五條：避免使用對外公開的網際網路位置，如設備採用公開的網際網路"
                          "位置，應以設備前端之防火牆予以防護，並採用白名單方式進行存取過濾。",
                    .en = "Art. 25: avoid public internet addresses; a device on one shall have "
                          "a firewall in front of it filtering access by allowlist."},
      .remediation = {.zh = "改用內部位址，或於前端部署白名單防火牆並記載於 details.firewall；"
                            "阻斷不應連線之區域，或於 details.zones 記載允許之區域。",
                      .en = "Move the device to an internal address, or put an allowlisting "
                            "firewall in front of it and record it in details.firewall; block "
                            "the zones that should not reach it, or list the allowed ones in "
                            "details.zones."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const IotEvidence& evidence) {
  if (evidence.device == nullptr) {
    return std::nullopt;
  }
  const iot::DeviceSighting& sighting = *evidence.device;
  const iot::Device& device = *sighting.device;
  const std::string who = "iot/" + device.id;
  check::Assessment assessment;
  GroupedReasons reasons;
  std::vector<std::string> public_addresses;
  for (const std::string* address : {&device.address, &sighting.seen_address}) {
    if (iot::is_public_address(*address) &&
        std::ranges::find(public_addresses, *address) == public_addresses.end()) {
      public_addresses.push_back(*address);
    }
  }
  for (const std::string& address : public_addresses) {
    if (device.firewall.empty()) {
      reasons.add(
          "IOT_PUBLIC_ADDRESS",
          fmt::format("{}: a public address without a firewall recorded (details.firewall)", who),
          fmt::format("{}：使用公開位址且未記載前端防火牆（details.firewall）", who), address,
          address);
    } else {
      reasons.add(
          "IOT_PUBLIC_BEHIND_FIREWALL",
          fmt::format("{}: a public address behind '{}'; its allowlist is not shown by a scan", who,
                      device.firewall),
          fmt::format("{}：公開位址，前端防火牆為「{}」；其白名單無法由掃描確認", who,
                      device.firewall),
          address, address, true);
    }
  }
  const bool is_wireless = wireless(device);
  if (is_wireless) {
    judge_wireless(device, who, reasons);
  }
  for (const iot::ZoneReach& reach : sighting.reachable_from) {
    if (!device.allows_zone(reach.zone)) {
      reasons.add("IOT_REACHABLE_FROM_ZONE",
                  fmt::format("{}: reachable from zones details.zones does not allow", who),
                  fmt::format("{}：可自 details.zones 未允許之區域連線", who),
                  fmt::format("{} on {}", reach.zone, iot::port_list(reach.open)),
                  fmt::format("{}：{}", reach.zone, iot::port_list(reach.open)));
    }
  }
  reasons.add_to(assessment);
  if (evidence.with_evidence) {
    nlohmann::ordered_json reached = nlohmann::ordered_json::array();
    for (const iot::ZoneReach& reach : sighting.reachable_from) {
      reached.push_back({{"zone", reach.zone},
                         {"open_ports", iot::port_list(reach.open)},
                         {"allowed", device.allows_zone(reach.zone)}});
    }
    assessment.evidence = {{"device", who},
                           {"address", device.address},
                           {"seen_address", sighting.seen_address},
                           {"public", !public_addresses.empty()},
                           {"firewall", device.firewall},
                           {"wireless", is_wireless},
                           {"wifi_security", device.wifi_security},
                           {"mac_binding", device.mac_binding},
                           {"allowed_zones", device.zones},
                           {"zones_scanned", evidence.policy != nullptr
                                                 ? nlohmann::ordered_json(evidence.policy->zones)
                                                 : nlohmann::ordered_json::array()},
                           {"reachable_from", std::move(reached)}};
  }
  return check::Assessment::from_reasons(std::move(assessment.reasons),
                                         std::move(assessment.evidence));
}

}  // namespace etguard::iot_checks::exposure
