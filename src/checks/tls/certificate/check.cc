// tls.certificate: every certificate the server may present has an RSA key of
// 2048 bits or an EC key of 256 bits or more (or an admitted equivalent), is
// signed with SHA-256 or stronger, is within its validity period, and chains
// to the trust store (Art. 34(3) source authentication, 34(5) signatures).
#include "checks/tls/certificate/check.h"

#include <fmt/format.h>

#include "checks/tls/judge.h"
#include "checks/tls/reasons.h"
#include "tls/handshake.h"

namespace etguard::tls_checks::certificate {
namespace {

constexpr std::string_view kNodes[] = {"ET-34.3"};
// The server's signatures; non-repudiation of the messages themselves needs
// the application's own signatures.
constexpr std::string_view kPartly[] = {"ET-34.5"};

std::string label(const tls::CertificateInfo& cert) {
  std::string key = cert.key_type + (cert.curve.empty() ? "" : " " + cert.curve);
  return fmt::format("{} ({}-{})", cert.subject, key, cert.key_bits);
}

nlohmann::ordered_json certificate_json(const tls::CertificateInfo& cert) {
  nlohmann::ordered_json json{
      {"subject", cert.subject},       {"issuer", cert.issuer},
      {"sha256", cert.sha256},         {"key_type", cert.key_type},
      {"key_bits", cert.key_bits},     {"signature_algorithm", cert.signature_algorithm},
      {"not_before", cert.not_before}, {"not_after", cert.not_after}};
  if (!cert.curve.empty()) {
    json["curve"] = cert.curve;
  }
  return json;
}

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "tls.certificate",
      .title = {.zh = "伺服器憑證之金鑰、簽章與效期符合規定",
                .en = "Server certificates meet the key, signature and validity requirements"},
      .node_ids = kNodes,
      .partial_node_ids = kPartly,
      .severity = check::Severity::kHigh,
      .rationale = {.zh = "第三十四條第三、五款要求訊息來源辨識與不可否認性使用 RSA 2048 位元、ECC "
                          "256 位元以上金鑰及 SHA-256 以上雜湊。",
                    .en = "Art. 34(3) and (5) require RSA-2048 or ECC-256 keys and SHA-256 or "
                          "stronger hashes for "
                          "source authentication and non-repudiation."},
      .remediation =
          {.zh =
               "以 RSA 2048 位元以上或 ECDSA P-256 以上金鑰重新簽發 SHA-256 憑證，並於到期前更新。",
           .en =
               "Reissue certificates with RSA-2048+ or ECDSA P-256+ keys signed with SHA-256, and "
               "renew "
               "them before they expire."},
  };
  return info;
}

check::Assessment evaluate(const tls::TlsProfile& profile, const TlsPolicy& policy) {
  std::vector<std::string> rsa_weak;
  std::vector<std::string> ec_weak;
  std::vector<std::string> sig_weak;
  std::vector<std::string> expired;
  std::vector<std::string> not_yet_valid;
  std::vector<std::string> untrusted;
  std::vector<std::string> mismatched;
  nlohmann::ordered_json chains = nlohmann::ordered_json::array();
  for (const tls::PresentedChain& presented : profile.chains) {
    const auto& certs = presented.chain.certificates;
    for (std::size_t i = 0; i < certs.size(); ++i) {
      const tls::CertificateInfo& cert = certs[i];
      // A self-signed certificate after the leaf is a trust anchor: its own
      // signature proves nothing and is not judged.
      const bool anchor = i > 0 && cert.self_signed;
      if (cert.key_type == "RSA" || cert.key_type == "RSA-PSS" || cert.key_type == "DSA") {
        if (cert.key_bits < policy.min_rsa_bits) {
          add_unique(rsa_weak, label(cert));
        }
      } else if (cert.key_type == "EC") {
        if (cert.key_bits < policy.min_ec_bits) {
          add_unique(ec_weak, label(cert));
        }
      } else if (cert.key_type == "Ed25519" || cert.key_type == "Ed448") {
        if (!policy.admit_curve25519_448 && cert.key_bits < policy.min_ec_bits) {
          add_unique(ec_weak, label(cert));
        }
      } else {
        add_unique(ec_weak, label(cert));
      }
      if (!anchor && hash_is_weak(cert.signature_hash)) {
        add_unique(sig_weak, fmt::format("{} ({})", cert.subject, cert.signature_algorithm));
      }
      if (cert.expired) {
        add_unique(expired, fmt::format("{} (notAfter {})", cert.subject, cert.not_after));
      }
      if (cert.not_yet_valid) {
        add_unique(not_yet_valid, fmt::format("{} (notBefore {})", cert.subject, cert.not_before));
      }
    }
    if (!presented.chain.trusted && !certs.empty()) {
      add_unique(untrusted,
                 fmt::format("{}: {}", certs.front().subject, presented.chain.trust_error));
    }
    if (!presented.chain.name_matches && !certs.empty()) {
      add_unique(mismatched, certs.front().subject);
    }
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const tls::CertificateInfo& cert : certs) {
      list.push_back(certificate_json(cert));
    }
    chains.push_back({{"offered", presented.offered},
                      {"version", tls::version_name(presented.version)},
                      {"trusted", presented.chain.trusted},
                      {"trust_error", presented.chain.trust_error},
                      {"name_matches", presented.chain.name_matches},
                      {"certificates", list}});
  }
  std::vector<check::Reason> reasons;
  auto add = [&](std::string_view code, const std::vector<std::string>& items) {
    if (!items.empty()) {
      reasons.push_back(reason(code, short_list(items, 3), short_list(items, 3)));
    }
  };
  add("CERT_RSA_WEAK", rsa_weak);
  add("CERT_EC_WEAK", ec_weak);
  add("CERT_SIG_WEAK", sig_weak);
  add("CERT_EXPIRED", expired);
  add("CERT_NOT_YET_VALID", not_yet_valid);
  add(policy.untrusted_fails ? "CERT_UNTRUSTED" : "W_UNTRUSTED", untrusted);
  add("W_NAME_MISMATCH", mismatched);
  const bool tls_spoken = !accepted_protocols(profile).empty();
  if (tls_spoken && profile.chains.empty()) {
    reasons.push_back(reason("CERT_MISSING", "", ""));
  }
  auto assessment = check::Assessment::from_reasons(std::move(reasons), {{"chains", chains}});
  if (!tls_spoken) {
    assessment.verdict = check::Verdict::kNotApplicable;
  } else if (profile.chains.empty()) {
    assessment.verdict = check::Verdict::kError;  // could not assess: never a pass
  }
  return assessment;
}

}  // namespace etguard::tls_checks::certificate
