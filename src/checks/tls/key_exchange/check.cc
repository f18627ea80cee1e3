// tls.key_exchange: every accepted key exchange is ECDHE over a group of at
// least 256 bits (Art. 34(1)); finite-field DH and static RSA fail, in
// TLS 1.3 too; anonymous exchanges fail.
#include "checks/tls/key_exchange/check.h"

#include <fmt/format.h>

#include "checks/tls/judge.h"
#include "checks/tls/reasons.h"
#include "tls/handshake.h"

namespace etguard::tls_checks::key_exchange {
namespace {

constexpr std::string_view kNodes[] = {"ET-34.1"};

}  // namespace

const check::CheckInfo& metadata() {
  static const check::CheckInfo info{
      .id = "tls.key_exchange",
      .title = {.zh = "金鑰交換採用橢圓曲線 Diffie-Hellman",
                .en = "Key exchange uses elliptic-curve Diffie-Hellman"},
      .node_ids = kNodes,
      .severity = check::Severity::kHigh,
      .rationale = {.zh = "第三十四條第一款要求金鑰交換採用 ECDHE，且 ECC 至少 256 位元；RSA "
                          "金鑰傳輸無前向保密。",
                    .en =
                        "Art. 34(1) requires ECDHE key exchange with ECC of at least 256 bits; RSA "
                        "key transport "
                        "has no forward secrecy."},
      .remediation = {.zh = "僅保留 ECDHE 加密套件，群組限 X25519、P-256、P-384 等；移除 RSA、DHE "
                            "套件與 TLS 1.3 ffdhe 群組。",
                      .en = "Keep only ECDHE suites with groups such as X25519, P-256 and P-384; "
                            "remove RSA and DHE "
                            "suites and the TLS 1.3 ffdhe groups."},
  };
  return info;
}

check::Assessment evaluate(const tls::TlsProfile& profile, const TlsPolicy& policy) {
  std::vector<std::string> not_ecdhe;
  std::vector<std::string> anonymous;
  std::vector<std::string> weak_groups;
  std::vector<std::string> ffdhe13;
  nlohmann::ordered_json evidence = nlohmann::ordered_json::object();
  for (const tls::ProtocolSupport* support : accepted_protocols(profile)) {
    if (support->version == tls::kSsl2) {
      continue;
    }
    nlohmann::ordered_json exchanges = nlohmann::ordered_json::array();
    for (const tls::AcceptedSuite& accepted : support->suites) {
      const tls::CipherSuite* suite = tls::find_cipher_suite(accepted.code);
      if (suite == nullptr) {
        add_unique(not_ecdhe, tls::code_hex(accepted.code));
        continue;
      }
      const auto problems = suite_problems(*suite, policy);
      if (std::ranges::find(problems, "KX_NOT_ECDHE") != problems.end()) {
        add_unique(not_ecdhe, std::string(suite->name));
      }
      if (std::ranges::find(problems, "KX_ANON") != problems.end()) {
        add_unique(anonymous, std::string(suite->name));
      }
      if (accepted.dh_bits > 0 && !policy.finite_field_dh_fails &&
          accepted.dh_bits < policy.min_dh_bits) {
        add_unique(weak_groups, fmt::format("DH-{}", accepted.dh_bits));
      }
      std::string_view exchange = tls::to_string(suite->key_exchange);
      const tls::Group* negotiated = accepted.group ? tls::find_group(*accepted.group) : nullptr;
      if (suite->tls13 && negotiated != nullptr &&
          negotiated->kind == tls::GroupKind::kFiniteField) {
        exchange = "FFDHE";
      }
      nlohmann::ordered_json entry{{"suite", suite->name}, {"key_exchange", exchange}};
      if (accepted.group) {
        entry["group"] = group_name(*accepted.group);
      }
      if (accepted.dh_bits > 0) {
        entry["dh_bits"] = accepted.dh_bits;
      }
      exchanges.push_back(entry);
    }
    nlohmann::ordered_json group_names = nlohmann::ordered_json::array();
    for (std::uint16_t group : support->groups) {
      group_names.push_back(group_name(group));
      const tls::Group* known = tls::find_group(group);
      if (support->version == tls::kTls13 && known != nullptr &&
          known->kind == tls::GroupKind::kFiniteField) {
        if (policy.finite_field_dh_fails) {
          add_unique(ffdhe13, group_name(group));
        } else if (group_is_weak(group, policy)) {
          add_unique(weak_groups, group_name(group));
        }
      } else if (group_is_weak(group, policy)) {
        add_unique(weak_groups, group_name(group));
      }
    }
    for (const tls::AcceptedSuite& accepted : support->suites) {
      if (accepted.group && group_is_weak(*accepted.group, policy)) {
        const tls::Group* known = tls::find_group(*accepted.group);
        if (!(known != nullptr && known->kind == tls::GroupKind::kFiniteField &&
              support->version == tls::kTls13)) {
          add_unique(weak_groups, group_name(*accepted.group));
        }
      }
    }
    evidence[tls::version_name(support->version)] = {{"suites", exchanges},
                                                     {"groups", group_names}};
  }
  std::vector<check::Reason> reasons;
  if (!not_ecdhe.empty()) {
    reasons.push_back(reason("KX_NOT_ECDHE", short_list(not_ecdhe), short_list(not_ecdhe)));
  }
  if (!ffdhe13.empty()) {
    reasons.push_back(reason("KX_TLS13_FFDHE", short_list(ffdhe13), short_list(ffdhe13)));
  }
  if (!weak_groups.empty()) {
    reasons.push_back(reason("KX_GROUP_WEAK", short_list(weak_groups), short_list(weak_groups)));
  }
  if (!anonymous.empty()) {
    reasons.push_back(reason("KX_ANON", short_list(anonymous), short_list(anonymous)));
  }
  auto assessment = check::Assessment::from_reasons(std::move(reasons), std::move(evidence));
  if (accepted_protocols(profile).empty()) {
    assessment.verdict = check::Verdict::kNotApplicable;
  }
  return assessment;
}

}  // namespace etguard::tls_checks::key_exchange
