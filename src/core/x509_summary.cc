#include "core/x509_summary.h"

#include <fmt/format.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <array>
#include <ctime>
#include <memory>

namespace etguard {
namespace {

std::string name_of(const X509_NAME* name) {
  std::array<char, 512> buffer{};
  X509_NAME_oneline(name, buffer.data(), static_cast<int>(buffer.size()));
  return buffer.data();
}

std::string iso_time(const ASN1_TIME* time) {
  std::tm parts{};
  if (ASN1_TIME_to_tm(time, &parts) != 1) {
    return {};
  }
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", parts.tm_year + 1900, parts.tm_mon + 1,
                     parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec);
}

std::string key_type_of(EVP_PKEY* key, std::string& curve) {
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
      return "RSA";
    case EVP_PKEY_RSA_PSS:
      return "RSA-PSS";
    case EVP_PKEY_EC: {
      std::array<char, 64> group{};
      std::size_t length = 0;
      if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group.data(),
                                         group.size(), &length) == 1) {
        curve.assign(group.data(), length);
      }
      return "EC";
    }
    case EVP_PKEY_DSA:
      return "DSA";
    case EVP_PKEY_ED25519:
      return "Ed25519";
    case EVP_PKEY_ED448:
      return "Ed448";
    default:
      return OBJ_nid2sn(EVP_PKEY_get_base_id(key));
  }
}

}  // namespace

X509Summary summarize_x509(X509* certificate) {
  X509Summary summary;
  summary.subject = name_of(X509_get_subject_name(certificate));
  summary.issuer = name_of(X509_get_issuer_name(certificate));
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  X509_digest(certificate, EVP_sha256(), digest.data(), &length);
  for (unsigned int i = 0; i < length; ++i) {
    summary.sha256 += fmt::format("{:02x}", digest[i]);
  }
  if (EVP_PKEY* key = X509_get0_pubkey(certificate)) {
    summary.key_bits = EVP_PKEY_get_bits(key);
    summary.key_type = key_type_of(key, summary.curve);
  }
  const int signature_nid = X509_get_signature_nid(certificate);
  summary.signature_algorithm = OBJ_nid2ln(signature_nid);
  int digest_nid = NID_undef;
  if (X509_get_signature_info(certificate, &digest_nid, nullptr, nullptr, nullptr) != 1) {
    OBJ_find_sigid_algs(signature_nid, &digest_nid, nullptr);
  }
  summary.signature_digest_nid = digest_nid;
  summary.self_signed = X509_check_issued(certificate, certificate) == X509_V_OK;
  summary.not_before = iso_time(X509_get0_notBefore(certificate));
  summary.not_after = iso_time(X509_get0_notAfter(certificate));
  return summary;
}

Result<X509Summary> summarize_x509_der(std::span<const std::uint8_t> der, std::string_view what) {
  const unsigned char* cursor = der.data();
  const std::unique_ptr<X509, decltype(&X509_free)> certificate(
      d2i_X509(nullptr, &cursor, static_cast<long>(der.size())), &X509_free);
  if (!certificate) {
    return fail(ErrorKind::kInput, fmt::format("{}: not a DER X.509 certificate", what),
                fmt::format("{}：不是 DER 格式的 X.509 憑證", what));
  }
  return summarize_x509(certificate.get());
}

}  // namespace etguard
