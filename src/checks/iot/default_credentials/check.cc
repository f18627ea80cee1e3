// iot.default_credentials: no service of a device lets a client in without a
// login or with a factory default credential (Art. 24: devices have an
// authentication mechanism and their initial passwords changed). Judged from
// the active probes of `scan iot --probe` (MQTT, SNMP communities, HTTP
// Basic, FTP). Fails on a service that asked no login or took a listed
// credential; cannot judge (error) a device none of whose services a probe
// could decide — none probed, no answer, or an answer the probe does not
// judge (a form login) — so absence is never a pass. Partly ET-24: least
// privilege per user and pairing are not seen from the network.
#include "checks/iot/default_credentials/check.h"

#include <fmt/format.h>

#include "checks/iot/grouped_reasons.h"

namespace etguard::iot_checks::default_credentials {
namespace {

constexpr std::string_view kPartialNodes[] = {"ET-24"};

std::string service_at(const iot::ProbeOutcome& outcome) {
  return fmt::format("{} {}", outcome.service, outcome.port.text());
}

void judge(const iot::ProbeOutcome& outcome, const std::string& who, GroupedReasons& reasons,
           bool& undecided) {
  const std::string item = service_at(outcome);
  switch (outcome.access) {
    case iot::ProbeAccess::kOpen:
      reasons.add("IOT_NO_AUTHENTICATION",
                  fmt::format("{}: a service lets a client in without a login", who),
                  fmt::format("{}：服務未經登入即允許存取", who), item, item);
      break;
    case iot::ProbeAccess::kDefaultAccepted:
      reasons.add(
          "IOT_DEFAULT_CREDENTIAL",
          fmt::format("{}: a service accepts a default credential (password masked)", who),
          fmt::format("{}：服務接受預設帳密（密碼已遮蔽）", who),
          outcome.user.empty()
              ? fmt::format("{} community ****, listed at {}", item, outcome.listed_at)
              : fmt::format("{} user '{}' ****, listed at {}", item, outcome.user,
                            outcome.listed_at),
          outcome.user.empty()
              ? fmt::format("{} 社群字串 ****，列於 {}", item, outcome.listed_at)
              : fmt::format("{} 帳號 '{}' ****，列於 {}", item, outcome.user, outcome.listed_at));
      break;
    case iot::ProbeAccess::kRefused:
      break;
    case iot::ProbeAccess::kUnreachable:
      undecided = true;
      reasons.add("IOT_PROBE_NO_ANSWER",
                  fmt::format("{}: the probe got no answer; not judged", who),
                  fmt::format("{}：探測未獲回應，無法判斷", who),
                  fmt::format("{} ({})", item, outcome.note),
                  fmt::format("{}（{}）", item, outcome.note), true);
      break;
    case iot::ProbeAccess::kUnclear:
      undecided = true;
      reasons.add("IOT_PROBE_UNCLEAR",
                  fmt::format("{}: the answer is not one the probe judges; check by hand", who),
                  fmt::format("{}：回應非探測所能判斷，請人工確認", who),
                  fmt::format("{} ({})", item, outcome.note),
                  fmt::format("{}（{}）", item, outcome.note), true);
      break;
  }
}

nlohmann::ordered_json evidence_of(const iot::DeviceSighting& sighting, const std::string& who) {
  nlohmann::ordered_json probes = nlohmann::ordered_json::array();
  for (const iot::ProbeOutcome& outcome : sighting.probes) {
    nlohmann::ordered_json probe = {{"service", outcome.service},
                                    {"port", outcome.port.number},
                                    {"protocol", outcome.port.protocol},
                                    {"access", iot::to_string(outcome.access)},
                                    {"attempts", outcome.attempts}};
    if (outcome.access == iot::ProbeAccess::kDefaultAccepted) {
      probe["user"] = outcome.user;
      probe[outcome.service == "snmp" ? "community" : "password"] = "****";
      probe["listed_at"] = outcome.listed_at;
    }
    probe["answer"] = outcome.note;
    probes.push_back(std::move(probe));
  }
  return {{"device", who}, {"address", sighting.device->address}, {"probes", std::move(probes)}};
}

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "iot.default_credentials",
      .title = {.zh = "物聯網設備須經驗證且已變更初始密碼",
                .en = "An IoT device authenticates and its default credentials are changed"},
      .node_ids = {},
      .partial_node_ids = kPartialNodes,
      .severity = check::Severity::kCritical,
      .rationale = {.zh = "第二十四條：物聯網設備應具備身份驗證機制或配對綁定機制，並應進行"
                          "初始密碼變更。",
                    .en = "Art. 24: IoT devices shall have an authentication or pairing "
                          "mechanism, and their initial passwords shall be changed."},
      .remediation = {.zh = "為每項服務啟用驗證，變更出廠帳密及 SNMP 社群字串；不需要之服務予以"
                            "關閉。",
                      .en = "Require authentication on every service, change the factory "
                            "credentials and SNMP communities, and turn off the services not "
                            "needed."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const IotEvidence& evidence) {
  if (evidence.device == nullptr || !evidence.device->probed) {
    return std::nullopt;
  }
  const iot::DeviceSighting& sighting = *evidence.device;
  const std::string who = "iot/" + sighting.device->id;
  GroupedReasons reasons;
  bool undecided = false;
  for (const iot::ProbeOutcome& outcome : sighting.probes) {
    judge(outcome, who, reasons, undecided);
  }
  check::Assessment assessment;
  if (sighting.probes.empty()) {
    assessment.add(
        {"IOT_NOTHING_PROBED",
         fmt::format("{}: no open service a probe knows (mqtt, snmp, http, ftp, ssh, telnet, "
                     "rtsp); not judged",
                     who),
         fmt::format(
             "{}：無探測所支援之開啟服務（mqtt、snmp、http、ftp、ssh、telnet、rtsp），無法判斷",
             who),
         true});
  }
  reasons.add_to(assessment);
  check::Assessment judged = check::Assessment::from_reasons(
      std::move(assessment.reasons),
      evidence.with_evidence ? evidence_of(sighting, who) : nlohmann::ordered_json());
  if (judged.verdict != check::Verdict::kFail && (undecided || sighting.probes.empty())) {
    judged.verdict = check::Verdict::kError;  // what the probes could not decide is not a pass
  }
  return judged;
}

}  // namespace etguard::iot_checks::default_credentials
