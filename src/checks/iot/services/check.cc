// iot.services: a device the scan saw offers no cleartext or unnecessary
// service. Fails on Telnet, FTP without TLS, HTTP without TLS, MQTT without
// TLS, UPnP/SSDP, and SNMP that announces version 1 or 2c; warns on RTSP (a
// camera's stream, in clear) and on SNMP whose version the scan could not
// tell. A service is recognised by nmap's service name (-sV) or, without
// it, by its well-known port. Partly ET-25: what the scan reached from where
// it ran, not the device's configuration or what other zones reach.
#include "checks/iot/services/check.h"

#include <fmt/format.h>

#include <algorithm>

#include "checks/iot/grouped_reasons.h"

namespace etguard::iot_checks::services {
namespace {

constexpr std::string_view kPartialNodes[] = {"ET-25"};

enum class Judgement { kFail, kWarn };

// A service as nmap names it, or its well-known port when nmap gave no name.
struct ServiceRule {
  std::string_view service;
  std::string_view protocol;
  std::string_view code;
  std::string_view en;
  std::string_view zh;
  int port;
  Judgement judgement;
};

constexpr ServiceRule kRules[] = {
    {"telnet", "tcp", "IOT_TELNET", "Telnet (cleartext remote login)", "Telnet（明文遠端登入）", 23,
     Judgement::kFail},
    {"ftp", "tcp", "IOT_FTP", "FTP without TLS (cleartext credentials)", "未加密之 FTP（明文帳密）",
     21, Judgement::kFail},
    {"http", "tcp", "IOT_HTTP", "HTTP without TLS (a cleartext web interface)",
     "未加密之 HTTP（明文網頁管理介面）", 80, Judgement::kFail},
    {"http-alt", "tcp", "IOT_HTTP", "HTTP without TLS (a cleartext web interface)",
     "未加密之 HTTP（明文網頁管理介面）", 8080, Judgement::kFail},
    {"http-proxy", "tcp", "IOT_HTTP", "HTTP without TLS (a cleartext web interface)",
     "未加密之 HTTP（明文網頁管理介面）", 8080, Judgement::kFail},
    {"mqtt", "tcp", "IOT_MQTT", "MQTT without TLS", "未加密之 MQTT", 1883, Judgement::kFail},
    {"upnp", "udp", "IOT_UPNP", "UPnP/SSDP discovery (unnecessary)", "UPnP/SSDP 探索服務（非必要）",
     1900, Judgement::kFail},
    {"ssdp", "udp", "IOT_UPNP", "UPnP/SSDP discovery (unnecessary)", "UPnP/SSDP 探索服務（非必要）",
     1900, Judgement::kFail},
    {"rtsp", "tcp", "IOT_RTSP",
     "RTSP (a video stream in clear; keep it only where needed and restricted)",
     "RTSP（明文影像串流；僅於必要且受限時保留）", 554, Judgement::kWarn},
    {"rtsp-alt", "tcp", "IOT_RTSP",
     "RTSP (a video stream in clear; keep it only where needed and restricted)",
     "RTSP（明文影像串流；僅於必要且受限時保留）", 8554, Judgement::kWarn},
};

const ServiceRule* rule_for(const iot::Port& port) {
  for (const ServiceRule& rule : kRules) {
    const bool named = !port.service.empty() && port.service == rule.service;
    const bool by_port =
        port.service.empty() && port.protocol == rule.protocol && port.number == rule.port;
    if (named || by_port) {
      return &rule;
    }
  }
  return nullptr;
}

bool mentions(const std::string& text, std::string_view word) {
  return text.find(word) != std::string::npos;
}

void judge_snmp(const iot::Port& port, const std::string& who, GroupedReasons& reasons) {
  const std::string described = port.product + " " + port.version + " " + port.extrainfo;
  const std::string item = fmt::format("{}/{}", port.number, port.protocol);
  if (mentions(described, "SNMPv1") || mentions(described, "SNMPv2")) {
    reasons.add("IOT_SNMP_V1_V2C", fmt::format("{}: SNMP v1/v2c (community strings in clear)", who),
                fmt::format("{}：SNMP v1/v2c（社群字串以明文傳送）", who), item, item);
  } else {
    reasons.add(
        "IOT_SNMP_VERSION_UNKNOWN",
        fmt::format("{}: SNMP open; whether v1/v2c answer is not known from this scan", who),
        fmt::format("{}：SNMP 開啟；本掃描無法判斷是否接受 v1/v2c", who), item, item, true);
  }
}

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "iot.services",
      .title = {.zh = "物聯網設備未提供明文或不必要之服務",
                .en = "An IoT device offers no cleartext or unnecessary service"},
      .node_ids = {},
      .partial_node_ids = kPartialNodes,
      .severity = check::Severity::kHigh,
      .rationale = {.zh = "第二十五條：組織應關閉物聯網設備不必要之網路連線及服務。",
                    .en = "Art. 25: the organization shall close an IoT device's unnecessary "
                          "network connections and services."},
      .remediation = {.zh = "關閉 Telnet、FTP、UPnP 等服務；網頁、MQTT 改用 TLS；SNMP 改用 "
                            "v3。",
                      .en = "Turn off Telnet, FTP and UPnP; serve web pages and MQTT over TLS; "
                            "use SNMPv3."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const IotEvidence& evidence) {
  if (evidence.device == nullptr || !evidence.device->seen) {
    return std::nullopt;
  }
  const iot::DeviceSighting& sighting = *evidence.device;
  const std::string who = "iot/" + sighting.device->id;
  check::Assessment assessment;
  GroupedReasons reasons;
  for (const iot::Port& port : sighting.open_ports) {
    if (port.tunnel == "ssl") {
      continue;  // the service runs inside TLS
    }
    const bool snmp = port.service == "snmp" ||
                      (port.service.empty() && port.protocol == "udp" && port.number == 161);
    if (snmp) {
      judge_snmp(port, who, reasons);
      continue;
    }
    if (const ServiceRule* rule = rule_for(port)) {
      const std::string item = fmt::format("{}/{}", port.number, port.protocol);
      reasons.add(rule->code, fmt::format("{}: {}", who, rule->en),
                  fmt::format("{}：{}", who, rule->zh), item, item,
                  rule->judgement == Judgement::kWarn);
    }
  }
  reasons.add_to(assessment);
  if (evidence.with_evidence) {
    nlohmann::ordered_json open = nlohmann::ordered_json::array();
    for (const iot::Port& port : sighting.open_ports) {
      open.push_back({{"port", port.number},
                      {"protocol", port.protocol},
                      {"service", port.service},
                      {"product", port.product},
                      {"version", port.version},
                      {"tls", port.tunnel == "ssl"}});
    }
    assessment.evidence = {
        {"device", who}, {"address", sighting.seen_address}, {"open_ports", std::move(open)}};
  }
  return check::Assessment::from_reasons(std::move(assessment.reasons),
                                         std::move(assessment.evidence));
}

}  // namespace etguard::iot_checks::services
