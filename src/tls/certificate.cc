#include "tls/certificate.h"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <ctime>

#include "core/x509_summary.h"

namespace etguard::tls {
namespace {

struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;

HashKind hash_of(int digest_nid) {
  switch (digest_nid) {
    case NID_md5:
    case NID_md5_sha1:
      return HashKind::kMd5;
    case NID_sha1:
      return HashKind::kSha1;
    case NID_sha224:
      return HashKind::kSha224;
    case NID_sha256:
      return HashKind::kSha256;
    case NID_sha384:
      return HashKind::kSha384;
    case NID_sha512:
      return HashKind::kSha512;
    default:
      return HashKind::kIntrinsic;  // EdDSA and other schemes without a separate digest
  }
}

CertificateInfo describe(X509* cert, std::time_t now) {
  CertificateInfo info;
  static_cast<X509Summary&>(info) = summarize_x509(cert);
  info.signature_hash = hash_of(info.signature_digest_nid);
  std::time_t moment = now;
  info.expired = X509_cmp_time(X509_get0_notAfter(cert), &moment) < 0;
  info.not_yet_valid = X509_cmp_time(X509_get0_notBefore(cert), &moment) > 0;
  return info;
}

}  // namespace

Result<TrustStore> TrustStore::load(const std::string& ca_file) {
  TrustStore trust;
  trust.store_ = std::shared_ptr<X509_STORE>(X509_STORE_new(), X509_STORE_free);
  const int loaded = ca_file.empty() ? X509_STORE_set_default_paths(trust.store_.get())
                                     : X509_STORE_load_file(trust.store_.get(), ca_file.c_str());
  if (loaded != 1) {
    return fail(ErrorKind::kInput,
                fmt::format("{}: not a readable PEM file of CA certificates", ca_file),
                fmt::format("{}：不是可讀取的 PEM 憑證機構憑證檔", ca_file));
  }
  return trust;
}

Result<ChainInfo> analyze_chain(const std::vector<Bytes>& der_chain, const TrustStore& store,
                                const std::string& host, std::time_t now) {
  ChainInfo chain;
  std::vector<X509Ptr> parsed;
  for (std::size_t i = 0; i < der_chain.size(); ++i) {
    const unsigned char* cursor = der_chain[i].data();
    X509Ptr cert(d2i_X509(nullptr, &cursor, static_cast<long>(der_chain[i].size())));
    if (!cert) {
      return fail(ErrorKind::kInput,
                  fmt::format("certificate {} of the chain is not valid DER X.509", i + 1),
                  fmt::format("憑證鏈第 {} 張不是有效的 DER X.509", i + 1));
    }
    chain.certificates.push_back(describe(cert.get(), now));
    parsed.push_back(std::move(cert));
  }
  if (parsed.empty()) {
    return fail(ErrorKind::kInput, "the server sent no certificate", "伺服器未送出憑證");
  }
  X509* leaf = parsed.front().get();
  chain.name_matches = X509_check_host(leaf, host.c_str(), host.size(), 0, nullptr) == 1 ||
                       X509_check_ip_asc(leaf, host.c_str(), 0) == 1;

  STACK_OF(X509)* untrusted = sk_X509_new_null();
  for (std::size_t i = 1; i < parsed.size(); ++i) {
    sk_X509_push(untrusted, parsed[i].get());
  }
  X509_STORE_CTX* context = X509_STORE_CTX_new();
  X509_STORE_CTX_init(context, store.get(), leaf, untrusted);
  X509_STORE_CTX_set_purpose(context, X509_PURPOSE_SSL_SERVER);
  // Expiry is reported on its own (CERT_EXPIRED); trust is about the path.
  X509_VERIFY_PARAM_set_flags(X509_STORE_CTX_get0_param(context), X509_V_FLAG_NO_CHECK_TIME);
  chain.trusted = X509_verify_cert(context) == 1;
  if (!chain.trusted) {
    chain.trust_error = X509_verify_cert_error_string(X509_STORE_CTX_get_error(context));
  }
  X509_STORE_CTX_free(context);
  sk_X509_free(untrusted);
  return chain;
}

}  // namespace etguard::tls
