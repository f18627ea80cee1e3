// tls.protocol: only TLS 1.2 or above is accepted (Art. 34(1)); a TLS
// channel with record sequence numbers exists at all (34(4) non-replay,
// 36(2) encrypted transit of credentials, 8(2)(1) and 8(7)(1) cloud traffic).
#include "checks/tls/protocol/check.h"

#include "checks/tls/judge.h"
#include "checks/tls/reasons.h"
#include "tls/handshake.h"

namespace etguard::tls_checks::protocol {
namespace {
constexpr std::string_view kNodes[] = {"ET-34.1", "ET-36.2", "ET-8.2.1", "ET-8.7.1"};
// TLS record sequence numbers protect the channel, not the trading messages.
constexpr std::string_view kPartly[] = {"ET-34.4"};
}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "tls.protocol",
      .title = {.zh = "僅接受 TLS 1.2 以上之協定版本", .en = "Only TLS 1.2 or above is accepted"},
      .node_ids = kNodes,
      .partial_node_ids = kPartly,
      .severity = check::Severity::kHigh,
      .rationale = {.zh = "第三十四條要求使用 TLS 1.2 以上版本；SSL 與 TLS 1.0/1.1 有已知弱點且以 "
                          "MD5/SHA-1 簽署交握。",
                    .en = "Art. 34 requires TLS 1.2 or above; SSL and TLS 1.0/1.1 have known "
                          "weaknesses and sign "
                          "their handshakes with MD5/SHA-1."},
      .remediation =
          {.zh = "停用 SSLv2、SSLv3、TLS 1.0 與 TLS 1.1，僅啟用 TLS 1.2 與 TLS 1.3。",
           .en = "Disable SSLv2, SSLv3, TLS 1.0 and TLS 1.1; enable only TLS 1.2 and TLS 1.3."},
  };
  return info;
}

check::Assessment evaluate(const tls::TlsProfile& profile, const TlsPolicy& /*policy*/) {
  std::vector<check::Reason> reasons;
  nlohmann::ordered_json accepted = nlohmann::ordered_json::array();
  std::vector<std::string> ssl;
  std::vector<std::string> legacy;
  for (const tls::ProtocolSupport* support : accepted_protocols(profile)) {
    const std::string name = tls::version_name(support->version);
    accepted.push_back(name);
    if (support->version == tls::kSsl2 || support->version == tls::kSsl3) {
      ssl.push_back(name);
    } else if (support->version < tls::kTls12) {
      legacy.push_back(name);
    }
  }
  // Absence is only proven by a complete scan (or a service that answered in something else).
  if (accepted.empty() && (profile.error.empty() || profile.not_tls)) {
    reasons.push_back(reason("NO_TLS", "", ""));
  }
  if (!ssl.empty()) {
    reasons.push_back(reason("PROTO_SSL", short_list(ssl), short_list(ssl)));
  }
  if (!legacy.empty()) {
    reasons.push_back(reason("PROTO_LEGACY", short_list(legacy), short_list(legacy)));
  }
  return check::Assessment::from_reasons(std::move(reasons), {{"protocols", accepted}});
}

}  // namespace etguard::tls_checks::protocol
