// tls.handshake_signature: the server signs its handshake with SHA-256 or
// stronger when the client offers it (Art. 34(3), 34(5)). Accepting SHA-1 when
// a client offers nothing else is a warning; TLS 1.0/1.1 MD5+SHA-1 signatures
// are covered by tls.protocol.
#include "checks/tls/handshake_signature/check.h"

#include "checks/tls/judge.h"
#include "checks/tls/reasons.h"
#include "tls/handshake.h"

namespace etguard::tls_checks::handshake_signature {
namespace {
constexpr std::string_view kNodes[] = {"ET-34.3"};
// The server's signatures; non-repudiation of the messages themselves needs
// the application's own signatures.
constexpr std::string_view kPartly[] = {"ET-34.5"};
}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "tls.handshake_signature",
      .title = {.zh = "交握簽章使用 SHA-256 以上雜湊",
                .en = "The handshake is signed with SHA-256 or stronger"},
      .node_ids = kNodes,
      .partial_node_ids = kPartly,
      .severity = check::Severity::kMedium,
      .rationale = {.zh = "第三十四條第三、五款要求數位簽章使用 SHA-256 "
                          "以上雜湊；伺服器可能在用戶端提供 SHA-1 時選用 SHA-1。",
                    .en = "Art. 34(3) and (5) require SHA-256 or stronger hashes for digital "
                          "signatures; a server "
                          "may choose SHA-1 when a client offers it."},
      .remediation = {.zh =
                          "自伺服器之簽章演算法清單移除 SHA-1 與 MD5（例如 OpenSSL -sigalgs、nginx "
                          "ssl_conf_command SignatureAlgorithms）。",
                      .en = "Remove SHA-1 and MD5 from the server's signature algorithms (e.g. "
                            "OpenSSL -sigalgs, "
                            "nginx ssl_conf_command SignatureAlgorithms)."},
  };
  return info;
}

check::Assessment evaluate(const tls::TlsProfile& profile, const TlsPolicy& /*policy*/) {
  std::vector<std::string> sha1;
  std::vector<std::string> weak;
  nlohmann::ordered_json used = nlohmann::ordered_json::array();
  auto judge = [&](std::uint16_t code) {
    const tls::SignatureScheme* scheme = tls::find_signature_scheme(code);
    used.push_back(scheme_name(code));
    if (scheme != nullptr &&
        (scheme->hash == tls::HashKind::kSha1 || scheme->hash == tls::HashKind::kMd5)) {
      sha1.push_back(scheme_name(code));
    } else if (scheme == nullptr || hash_is_weak(scheme->hash)) {
      weak.push_back(scheme_name(code));  // SHA-224, or a scheme nobody can vouch for
    }
  };
  for (std::uint16_t code : profile.handshake_schemes) {
    judge(code);
  }
  for (const tls::PresentedChain& chain : profile.chains) {
    if (chain.version == tls::kTls13 && chain.scheme) {
      judge(*chain.scheme);
    }
  }
  std::vector<check::Reason> reasons;
  if (!sha1.empty()) {
    reasons.push_back(reason("SIG_SHA1", short_list(sha1), short_list(sha1)));
  }
  if (!weak.empty()) {
    reasons.push_back(reason("SIG_WEAK", short_list(weak), short_list(weak)));
  }
  nlohmann::ordered_json evidence{{"schemes", used}};
  if (profile.sha1_only_scheme) {
    evidence["sha1_only_offer"] = scheme_name(*profile.sha1_only_scheme);
    const tls::SignatureScheme* scheme = tls::find_signature_scheme(*profile.sha1_only_scheme);
    if (scheme != nullptr &&
        (scheme->hash == tls::HashKind::kSha1 || scheme->hash == tls::HashKind::kMd5)) {
      reasons.push_back(reason("W_SIG_SHA1_ACCEPTED", scheme_name(*profile.sha1_only_scheme),
                               scheme_name(*profile.sha1_only_scheme)));
    }
  }
  auto assessment = check::Assessment::from_reasons(std::move(reasons), std::move(evidence));
  if (used.empty() && !profile.sha1_only_scheme) {
    assessment.verdict =
        check::Verdict::kNotApplicable;  // no signed handshake (e.g. RSA key transport only)
  }
  return assessment;
}

}  // namespace etguard::tls_checks::handshake_signature
