// Throwaway keys and certificates for the TLS tests, made in memory with
// OpenSSL: a test root CA and leaves with strong and weak keys, SHA-1
// signatures, past validity, self-signed.
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

namespace etguard::testing {

struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertFree {
  void operator()(X509* cert) const { X509_free(cert); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyFree>;
using CertPtr = std::unique_ptr<X509, CertFree>;

struct Credential {
  KeyPtr key;
  CertPtr cert;
};

KeyPtr rsa_key(int bits);
KeyPtr ec_key(const char* curve);  // "P-256", "P-384", "P-224"

struct CertSpec {
  std::string common_name = "localhost";
  const EVP_MD* digest = EVP_sha256();
  long valid_from_days = -1;  // relative to now
  long valid_to_days = 365;
};

// A CA-signed leaf for `key` (SAN DNS:localhost, IP:127.0.0.1, IP:::1).
Credential issue(KeyPtr key, const Credential& ca, const CertSpec& spec = {});
Credential self_signed(KeyPtr key, const CertSpec& spec = {});

// The process-wide test CA (RSA-2048, SHA-256), and its PEM file path.
const Credential& test_ca();
const std::string& test_ca_file();

}  // namespace etguard::testing
