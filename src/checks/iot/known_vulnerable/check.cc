// iot.known_vulnerable: a device that an imported vulnerability feed (OSV or
// NVD, scan iot --vulnerabilities) finds vulnerable, or that its register
// entry marks as an Art. 29 exception (facts.exception), is marked so in the
// register (ET-29 applies to it only then), has a replacement
// plan (details.replacement_plan, not past its dates.replacement) and is
// kept apart from the internal network: no scan taken from another zone
// (--from-zone) reached it, except from zones its entry allows, which is
// only warned about (Art. 29 lets it join the internal network when
// necessary). Without a zone scan its isolation cannot be judged: error.
// A device that cannot be matched (no details.cpe, no details.software, no
// CPE from nmap -sV) is an error, never a pass. Partly ET-29: that the
// device stays disconnected between necessary uses is not something a scan
// shows.
#include "checks/iot/known_vulnerable/check.h"

#include <fmt/format.h>

#include <algorithm>

#include "checks/iot/grouped_reasons.h"
#include "core/text.h"

namespace etguard::iot_checks::known_vulnerable {
namespace {

constexpr std::string_view kPartialNodes[] = {"ET-29"};

std::string advisory_list(const std::vector<iot::KnownVulnerability>& found) {
  std::string out;
  for (const iot::KnownVulnerability& each : found) {
    out += out.empty() ? "" : ", ";
    out += each.advisory;
  }
  return out;
}

void judge_plan(const iot::Device& device, const std::string& today, const std::string& who,
                check::Assessment& assessment) {
  if (trim(device.replacement_plan).empty()) {
    assessment.add({"IOT_NO_REPLACEMENT_PLAN",
                    fmt::format("{}: no replacement plan recorded (details.replacement_plan)", who),
                    fmt::format("{}：未記載汰換計畫（details.replacement_plan）", who)});
  } else if (!device.replacement_due.empty() && device.replacement_due < today) {
    assessment.add({"IOT_REPLACEMENT_OVERDUE",
                    fmt::format("{}: the plan replaces it by {}, before today {}", who,
                                device.replacement_due, today),
                    fmt::format("{}：汰換計畫預定於 {} 汰換，已早於今日 {}", who,
                                device.replacement_due, today)});
  }
}

// Whether the isolation could be judged at all.
bool judge_isolation(const iot::DeviceSighting& sighting, const IotPolicy& policy,
                     const std::string& who, check::Assessment& assessment) {
  if (policy.zones.empty()) {
    assessment.add(
        {"IOT_ISOLATION_UNKNOWN",
         fmt::format("{}: no scan from the internal network was given (--from-zone "
                     "internal=SCAN.xml); its isolation is not judged",
                     who),
         fmt::format(
             "{}：未提供自內部網路之掃描（--from-zone internal=掃描.xml），無法判斷是否隔離", who),
         true});
    return false;
  }
  GroupedReasons reasons;
  for (const iot::ZoneReach& reach : sighting.reachable_from) {
    const bool allowed = sighting.device->allows_zone(reach.zone);
    reasons.add(
        allowed ? "IOT_VULNERABLE_REACHABLE_ALLOWED" : "IOT_VULNERABLE_NOT_ISOLATED",
        allowed ? fmt::format("{}: reachable from zones its entry allows; Art. 29 allows "
                              "the internal network only when necessary",
                              who)
                : fmt::format("{}: not kept apart from the internal network", who),
        allowed ? fmt::format("{}：可自清冊允許之區域連線；第二十九條僅允許必要時連接內部網路", who)
                : fmt::format("{}：未與內部網路區隔", who),
        fmt::format("{} reaches {}", reach.zone, iot::port_list(reach.open)),
        fmt::format("{} 可連線 {}", reach.zone, iot::port_list(reach.open)), allowed);
  }
  reasons.add_to(assessment);
  return true;
}

nlohmann::ordered_json evidence_of(const iot::DeviceSighting& sighting, const IotPolicy& policy) {
  const iot::Device& device = *sighting.device;
  nlohmann::ordered_json advisories = nlohmann::ordered_json::array();
  for (const iot::KnownVulnerability& each : sighting.vulnerabilities) {
    const iot::KnownName& name = sighting.known_as.at(each.name);
    advisories.push_back(
        {{"id", each.advisory},
         {"severity", each.severity},
         {"summary", each.summary},
         {"product", each.vendor.empty() ? std::string(each.product)
                                         : fmt::format("{} {}", each.vendor, each.product)},
         {"version", name.version},
         {"matched_by", name.from},
         {"source", each.source}});
  }
  nlohmann::ordered_json names = nlohmann::ordered_json::array();
  for (const iot::KnownName& name : sighting.known_as) {
    names.push_back(name.text());
  }
  nlohmann::ordered_json reached = nlohmann::ordered_json::array();
  for (const iot::ZoneReach& reach : sighting.reachable_from) {
    reached.push_back({{"zone", reach.zone}, {"open_ports", iot::port_list(reach.open)}});
  }
  return {{"device", "iot/" + device.id},
          {"known_as", std::move(names)},
          {"advisories", std::move(advisories)},
          {"exception_in_register", device.exception},
          {"replacement_plan", device.replacement_plan},
          {"replacement_due", device.replacement_due},
          {"allowed_zones", device.zones},
          {"zones_scanned", policy.zones},
          {"reachable_from", std::move(reached)}};
}

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "iot.known_vulnerable",
      .title = {.zh = "具已知弱點之物聯網設備已與內部網路區隔並擬定汰換計畫",
                .en = "An IoT device with a known vulnerability is kept apart from the internal "
                      "network and has a replacement plan"},
      .node_ids = {},
      .partial_node_ids = kPartialNodes,
      .severity = check::Severity::kHigh,
      .rationale = {.zh = "第二十九條：設備存在已知弱點且無法更新時，應中斷設備網路連線，僅於必要時"
                          "連接內部網路並擬定汰換計畫，汰換前應置於獨立網段並與內部網路區隔。",
                    .en = "Art. 29: a device with a known vulnerability that cannot be fixed by "
                          "updating is disconnected, joins the internal network only when "
                          "necessary, has a replacement plan, and until replaced sits in an "
                          "independent segment separated from the internal network."},
      .remediation = {.zh = "更新設備至未受影響之版本；無法更新時，將設備移至獨立網段、記載汰換計畫"
                            "（details.replacement_plan）與預定汰換日（dates.replacement）。",
                      .en = "Update the device to a version the advisory does not affect; where "
                            "that is impossible, move it to an independent segment and record "
                            "the replacement plan (details.replacement_plan) and its date "
                            "(dates.replacement)."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const IotEvidence& evidence) {
  if (evidence.device == nullptr || evidence.policy == nullptr || !evidence.device->feed_checked) {
    return std::nullopt;
  }
  const iot::DeviceSighting& sighting = *evidence.device;
  const iot::Device& device = *sighting.device;
  const IotPolicy& policy = *evidence.policy;
  const std::string who = "iot/" + device.id;
  check::Assessment assessment;
  bool undecided = false;
  if (sighting.known_as.empty() && !device.exception) {
    assessment.add({"IOT_DEVICE_UNIDENTIFIED",
                    fmt::format("{}: nothing names its product (details.cpe, details.software, "
                                "or a CPE from nmap -sV); it cannot be matched",
                                who),
                    fmt::format("{}：無可辨識產品之資料（details.cpe、details.software 或 nmap -sV "
                                "之 CPE），無法比對弱點",
                                who),
                    true});
    undecided = true;
  }
  if (std::ranges::any_of(sighting.known_as,
                          [](const iot::KnownName& name) { return name.version.empty(); })) {
    assessment.add({"IOT_VERSION_UNKNOWN",
                    fmt::format("{}: a name it is known by has no version (scan with -sV or "
                                "record details.firmware_version); only advisories for every "
                                "version could match it",
                                who),
                    fmt::format("{}：部分名稱無版本資訊（請以 -sV 掃描或記載 "
                                "details.firmware_version），僅能比對影響所有版本之公告",
                                who),
                    true});
  }
  if (!sighting.vulnerabilities.empty()) {
    assessment.add({"IOT_KNOWN_VULNERABILITY",
                    fmt::format("{}: affected by {}", who, advisory_list(sighting.vulnerabilities)),
                    fmt::format("{}：受 {} 影響", who, advisory_list(sighting.vulnerabilities)),
                    true});
  }
  if (!sighting.vulnerabilities.empty() && !device.exception) {
    assessment.add({"IOT_EXCEPTION_NOT_REGISTERED",
                    fmt::format("{}: the register does not mark it as an Art. 29 exception "
                                "(facts.exception: true), so its duties are not tracked",
                                who),
                    fmt::format("{}：清冊未標示為第二十九條之例外設備（facts.exception: true），"
                                "其應辦事項無從追蹤",
                                who)});
  }
  if (!sighting.vulnerabilities.empty() || device.exception) {
    judge_plan(device, policy.today, who, assessment);
    undecided = !judge_isolation(sighting, policy, who, assessment) || undecided;
  }
  check::Assessment judged = check::Assessment::from_reasons(
      std::move(assessment.reasons),
      evidence.with_evidence ? evidence_of(sighting, policy) : nlohmann::ordered_json());
  if (judged.verdict != check::Verdict::kFail && undecided) {
    judged.verdict = check::Verdict::kError;  // what could not be judged is not a pass
  }
  return judged;
}

}  // namespace etguard::iot_checks::known_vulnerable
