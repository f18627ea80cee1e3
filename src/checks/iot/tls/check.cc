// iot.tls: the TLS a device serves (its web interface, MQTT or stream over
// TLS) meets the same policy as every other TLS endpoint of the firm. The
// TLS checks of `scan tls` judge each TLS port the probe scanned; this check
// fails a device when they fail a port (protocols below TLS 1.2, weak
// suites, an untrusted or expired certificate...), and cannot pass one whose
// TLS port could not be scanned. Partly ET-25: a service protected in
// transit, not whether it is needed. No finding for a device without a TLS
// port or not probed.
#include "checks/iot/tls/check.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/iot/grouped_reasons.h"

namespace etguard::iot_checks::tls {
namespace {

constexpr std::string_view kPartialNodes[] = {"ET-25"};

std::string code_list(const std::vector<std::string>& codes) {
  return fmt::format("{}", fmt::join(codes, ", "));
}

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "iot.tls",
      .title = {.zh = "物聯網設備之 TLS 服務符合組織之 TLS 政策",
                .en = "An IoT device's TLS services meet the firm's TLS policy"},
      .node_ids = {},
      .partial_node_ids = kPartialNodes,
      .severity = check::Severity::kMedium,
      .rationale = {.zh = "第二十五條：物聯網設備之網路服務應受保護；以 TLS 提供之網頁、MQTT "
                          "或串流服務，應採 TLS 1.2 以上、安全之加密套件及有效之憑證，"
                          "與第三十四條之傳輸加密政策一致。",
                    .en = "Art. 25: an IoT device's network services shall be protected; a web "
                          "page, MQTT or stream served over TLS shall use TLS 1.2 or later, "
                          "strong suites and a valid certificate, as Art. 34's transport "
                          "policy asks."},
      .remediation = {.zh = "停用 TLS 1.2 以下版本及弱加密套件，換發由組織信任之 CA 簽發之憑證"
                            "（掃描時以 --tls-ca 指定）；設備不支援時依第二十九條處理。",
                      .en = "Turn off protocols below TLS 1.2 and weak suites, and install a "
                            "certificate from a CA the firm trusts (given to the scan with "
                            "--tls-ca); where the device cannot, follow Art. 29."},
  };
  return info;
}

std::optional<check::Assessment> evaluate(const IotEvidence& evidence) {
  if (evidence.device == nullptr || evidence.device->tls.empty()) {
    return std::nullopt;
  }
  const iot::DeviceSighting& sighting = *evidence.device;
  const std::string who = "iot/" + sighting.device->id;
  GroupedReasons reasons;
  bool unscanned = false;
  for (const iot::TlsJudgement& port : sighting.tls) {
    const std::string item = fmt::format("{}/{}", port.port.number, port.port.protocol);
    if (port.verdict == "fail") {
      reasons.add("IOT_TLS_WEAK", fmt::format("{}: TLS that the TLS checks fail", who),
                  fmt::format("{}：TLS 未通過 TLS 檢核", who),
                  fmt::format("{} ({})", item, code_list(port.reasons)),
                  fmt::format("{}（{}）", item, code_list(port.reasons)));
    } else if (port.verdict != "pass") {
      unscanned = true;
      reasons.add("IOT_TLS_NOT_SCANNED", fmt::format("{}: a TLS port could not be scanned", who),
                  fmt::format("{}：TLS 連接埠無法掃描", who),
                  fmt::format("{} ({})", item, port.error),
                  fmt::format("{}（{}）", item, port.error), true);
    }
    if (!port.warnings.empty()) {
      reasons.add("IOT_TLS_WARNINGS", fmt::format("{}: TLS warnings", who),
                  fmt::format("{}：TLS 警示", who),
                  fmt::format("{} ({})", item, code_list(port.warnings)),
                  fmt::format("{}（{}）", item, code_list(port.warnings)), true);
    }
  }
  check::Assessment assessment;
  reasons.add_to(assessment);
  nlohmann::ordered_json evidence_json = nlohmann::ordered_json::object();
  if (evidence.with_evidence) {
    nlohmann::ordered_json ports = nlohmann::ordered_json::array();
    for (const iot::TlsJudgement& port : sighting.tls) {
      ports.push_back({{"port", port.port.number},
                       {"protocol", port.port.protocol},
                       {"verdict", port.verdict},
                       {"accepted", port.protocols},
                       {"reasons", port.reasons},
                       {"warnings", port.warnings},
                       {"error", port.error}});
    }
    evidence_json = {{"device", who}, {"address", sighting.seen_address}, {"tls_ports", ports}};
  }
  check::Assessment judged =
      check::Assessment::from_reasons(std::move(assessment.reasons), std::move(evidence_json));
  if (unscanned && judged.verdict != Verdict::kFail) {
    judged.verdict = Verdict::kError;  // a port not scanned is never a pass
  }
  return judged;
}

}  // namespace etguard::iot_checks::tls
