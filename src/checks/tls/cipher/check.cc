// tls.cipher: every accepted suite encrypts with AES-128 or an admitted
// equivalent and authenticates records with SHA-256 or an AEAD (Art. 34(1),
// 34(2)); a server that enforces its own order does not put a
// non-compliant suite first.
#include "checks/tls/cipher/check.h"

#include <fmt/format.h>

#include "checks/tls/judge.h"
#include "checks/tls/reasons.h"
#include "tls/handshake.h"

namespace etguard::tls_checks::cipher {
namespace {

constexpr std::string_view kNodes[] = {"ET-34.1", "ET-34.2"};

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "tls.cipher",
      .title = {.zh = "加密與訊息鑑別強度符合 AES-128 與 SHA-256 下限",
                .en = "Encryption and record integrity meet the AES-128 and SHA-256 floors"},
      .node_ids = kNodes,
      .severity = check::Severity::kHigh,
      .rationale =
          {.zh = "第三十四條第一、二款要求 AES 128 位元以上加密及 SHA 256 位元以上之訊息鑑別。",
           .en =
               "Art. 34(1) and (2) require AES-128 or stronger encryption and SHA-256 or stronger "
               "message authentication."},
      .remediation =
          {.zh =
               "僅啟用 AES-GCM、ChaCha20-Poly1305 或 HMAC-SHA256/384 之套件，並由伺服器優先選用。",
           .en = "Enable only AES-GCM, ChaCha20-Poly1305 or HMAC-SHA256/384 suites and let the "
                 "server "
                 "prefer them."},
  };
  return info;
}

check::Assessment evaluate(const tls::TlsProfile& profile, const TlsPolicy& policy) {
  std::vector<std::string> weak_ciphers;
  std::vector<std::string> sha1_macs;
  std::vector<std::string> preferred_weak;
  std::vector<std::string> order_unknown;
  nlohmann::ordered_json evidence = nlohmann::ordered_json::object();
  for (const tls::ProtocolSupport* support : accepted_protocols(profile)) {
    const std::string version = tls::version_name(support->version);
    nlohmann::ordered_json suites = nlohmann::ordered_json::array();
    if (support->version == tls::kSsl2) {
      for (std::uint32_t kind : support->sslv2_ciphers) {
        add_unique(weak_ciphers, fmt::format("SSLv2 0x{:06X}", kind));
        suites.push_back(fmt::format("0x{:06X}", kind));
      }
    }
    for (const tls::AcceptedSuite& accepted : support->suites) {
      const tls::CipherSuite* suite = tls::find_cipher_suite(accepted.code);
      if (suite == nullptr) {
        add_unique(weak_ciphers, tls::code_hex(accepted.code));
        suites.push_back(tls::code_hex(accepted.code));
        continue;
      }
      const auto problems = suite_problems(*suite, policy);
      if (std::ranges::find(problems, "CIPHER_WEAK") != problems.end()) {
        add_unique(weak_ciphers, std::string(suite->name));
      }
      if (std::ranges::find(problems, "MAC_SHA1") != problems.end()) {
        add_unique(sha1_macs, std::string(suite->name));
      }
      suites.push_back(suite->name);
    }
    if (support->server_order == true && !support->suites.empty()) {
      const tls::CipherSuite* first = tls::find_cipher_suite(support->suites.front().code);
      if (first == nullptr || !suite_problems(*first, policy).empty()) {
        preferred_weak.push_back(
            fmt::format("{} {}", version, suite_name(support->suites.front().code)));
      }
    }
    if (!support->server_order && support->suites.size() >= 2) {
      order_unknown.push_back(version);
    }
    evidence[version] = {{"order", !support->server_order   ? "unknown"
                                   : *support->server_order ? "server"
                                                            : "client"},
                         {"suites", suites}};
  }
  std::vector<check::Reason> reasons;
  if (!weak_ciphers.empty()) {
    reasons.push_back(reason("CIPHER_WEAK", short_list(weak_ciphers), short_list(weak_ciphers)));
  }
  if (!sha1_macs.empty()) {
    reasons.push_back(reason("MAC_SHA1", short_list(sha1_macs), short_list(sha1_macs)));
  }
  if (!preferred_weak.empty()) {
    reasons.push_back(
        reason("PREFERS_WEAK", short_list(preferred_weak), short_list(preferred_weak)));
  }
  if (!order_unknown.empty()) {
    reasons.push_back(
        reason("W_SERVER_ORDER_UNKNOWN", short_list(order_unknown), short_list(order_unknown)));
  }
  auto assessment = check::Assessment::from_reasons(std::move(reasons), std::move(evidence));
  if (accepted_protocols(profile).empty()) {
    assessment.verdict = check::Verdict::kNotApplicable;
  }
  return assessment;
}

}  // namespace etguard::tls_checks::cipher
