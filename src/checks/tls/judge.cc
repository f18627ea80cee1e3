#include "checks/tls/judge.h"

#include <fmt/format.h>

#include <algorithm>

namespace etguard::tls_checks {

using tls::CipherClass;
using tls::KeyExchange;
using tls::MacKind;

std::vector<std::string_view> suite_problems(const tls::CipherSuite& suite,
                                             const TlsPolicy& policy) {
  std::vector<std::string_view> problems;
  if (suite.anonymous) {
    problems.push_back("KX_ANON");
  }
  if (!suite.tls13 && suite.key_exchange != KeyExchange::kEcdhe &&
      (suite.key_exchange != KeyExchange::kDhe || policy.finite_field_dh_fails)) {
    problems.push_back("KX_NOT_ECDHE");
  }
  const bool weak_cipher =
      suite.cipher == CipherClass::kNull || suite.cipher == CipherClass::kBroken ||
      suite.cipher_bits < 128 ||
      (suite.cipher == CipherClass::kChacha20 && !policy.admit_chacha20) ||
      (suite.cipher == CipherClass::kCamellia && !policy.admit_camellia_aria) ||
      (suite.short_tag && policy.short_tag_fails);
  if (weak_cipher) {
    problems.push_back("CIPHER_WEAK");
  }
  if ((suite.mac == MacKind::kSha1 && policy.sha1_mac_fails) || suite.mac == MacKind::kMd5 ||
      suite.mac == MacKind::kGost) {
    problems.push_back("MAC_SHA1");
  }
  return problems;
}

bool group_is_weak(std::uint16_t code, const TlsPolicy& policy) {
  const tls::Group* group = tls::find_group(code);
  if (group == nullptr) {
    return true;  // an unknown group cannot be shown to meet the floor
  }
  switch (group->kind) {
    case tls::GroupKind::kEllipticCurve:
      return group->bits < policy.min_ec_bits;
    case tls::GroupKind::kMontgomery:
    case tls::GroupKind::kHybrid:
      return !policy.admit_curve25519_448 && group->bits < policy.min_ec_bits;
    case tls::GroupKind::kFiniteField:
      return group->bits < policy.min_dh_bits;
  }
  return true;
}

bool hash_is_weak(tls::HashKind hash) {
  return hash == tls::HashKind::kMd5 || hash == tls::HashKind::kSha1 ||
         hash == tls::HashKind::kSha224;
}

std::string suite_name(std::uint16_t code) {
  const tls::CipherSuite* suite = tls::find_cipher_suite(code);
  return suite != nullptr ? std::string(suite->name) : tls::code_hex(code);
}

std::string group_name(std::uint16_t code) {
  const tls::Group* group = tls::find_group(code);
  return group != nullptr ? std::string(group->name) : tls::code_hex(code);
}

std::string scheme_name(std::uint16_t code) {
  const tls::SignatureScheme* scheme = tls::find_signature_scheme(code);
  return scheme != nullptr ? std::string(scheme->name) : tls::code_hex(code);
}

std::vector<const tls::ProtocolSupport*> accepted_protocols(const tls::TlsProfile& profile) {
  std::vector<const tls::ProtocolSupport*> accepted;
  for (const tls::ProtocolSupport& support : profile.protocols) {
    if (support.accepted) {
      accepted.push_back(&support);
    }
  }
  return accepted;
}

void add_unique(std::vector<std::string>& list, std::string item) {
  if (std::ranges::find(list, item) == list.end()) {
    list.push_back(std::move(item));
  }
}

std::string short_list(const std::vector<std::string>& items, std::size_t limit) {
  std::string text;
  for (std::size_t i = 0; i < items.size() && i < limit; ++i) {
    text += (i == 0 ? "" : ", ") + items[i];
  }
  if (items.size() > limit) {
    text += fmt::format(" (+{})", items.size() - limit);
  }
  return text;
}

}  // namespace etguard::tls_checks
