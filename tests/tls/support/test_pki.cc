#include "test_pki.h"

#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>

namespace etguard::testing {
namespace {

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
  if (extension == nullptr) {
    throw std::runtime_error("test PKI: bad extension");
  }
  X509_add_ext(cert, extension, -1);
  X509_EXTENSION_free(extension);
}

CertPtr make_cert(EVP_PKEY* key, const std::string& common_name, X509* issuer_cert,
                  EVP_PKEY* issuer_key, const CertSpec& spec, bool ca) {
  CertPtr cert(X509_new());
  X509_set_version(cert.get(), 2);
  static long serial = 1;
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial++);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), spec.valid_from_days * 86400);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), spec.valid_to_days * 86400);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("etguard test"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  X509* issuer = issuer_cert != nullptr ? issuer_cert : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(issuer));
  if (ca) {
    add_extension(cert.get(), issuer, NID_basic_constraints, "critical,CA:TRUE");
    add_extension(cert.get(), issuer, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    add_extension(cert.get(), issuer, NID_basic_constraints, "CA:FALSE");
    add_extension(cert.get(), issuer, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1");
    add_extension(cert.get(), issuer, NID_ext_key_usage, "serverAuth");
  }
  if (X509_sign(cert.get(), issuer_key, spec.digest) == 0) {
    throw std::runtime_error("test PKI: signing failed");
  }
  return cert;
}

}  // namespace

KeyPtr rsa_key(int bits) {
  return KeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits)));
}

KeyPtr ec_key(const char* curve) {
  return KeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve));
}

Credential issue(KeyPtr key, const Credential& ca, const CertSpec& spec) {
  CertPtr cert = make_cert(key.get(), spec.common_name, ca.cert.get(), ca.key.get(), spec, false);
  return Credential{std::move(key), std::move(cert)};
}

Credential self_signed(KeyPtr key, const CertSpec& spec) {
  CertPtr cert = make_cert(key.get(), spec.common_name, nullptr, key.get(), spec, false);
  return Credential{std::move(key), std::move(cert)};
}

const Credential& test_ca() {
  static const Credential ca = [] {
    KeyPtr key = rsa_key(2048);
    CertSpec spec;
    spec.common_name = "etguard test root CA";
    spec.valid_to_days = 3650;
    CertPtr cert = make_cert(key.get(), spec.common_name, nullptr, key.get(), spec, true);
    return Credential{std::move(key), std::move(cert)};
  }();
  return ca;
}

const std::string& test_ca_file() {
  static const std::string path = [] {
    std::string file = "/tmp/etguard-test-ca-" + std::to_string(::getpid()) + ".pem";
    FILE* out = std::fopen(file.c_str(), "w");
    PEM_write_X509(out, test_ca().cert.get());
    std::fclose(out);
    return file;
  }();
  return path;
}

}  // namespace etguard::testing
