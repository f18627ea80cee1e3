// What a server's certificate chain says, read with OpenSSL: key type and
// size, signature algorithm, validity, and whether the chain reaches a trust
// store (the one given with --ca, else the system's).
#pragma once

#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/x509_summary.h"
#include "tls/algorithms.h"
#include "tls/wire.h"

using X509_STORE = struct x509_store_st;

namespace etguard::tls {

// What the certificate says (core's summary), and how the TLS checks judge it.
struct CertificateInfo : X509Summary {
  HashKind signature_hash = HashKind::kSha256;
  bool expired = false;
  bool not_yet_valid = false;
};

struct ChainInfo {
  std::vector<CertificateInfo> certificates;  // as sent, leaf first
  bool trusted = false;
  std::string trust_error;  // OpenSSL's verify error when not trusted
  bool name_matches = false;
};

// A shared, read-only trust store.
class TrustStore {
 public:
  // From a PEM file of CA certificates; empty path = the system's default store.
  static Result<TrustStore> load(const std::string& ca_file);
  X509_STORE* get() const { return store_.get(); }

 private:
  std::shared_ptr<X509_STORE> store_;
};

// Reads and verifies a chain. `host` is checked against the leaf (DNS name
// or IP literal); `now` decides expiry.
Result<ChainInfo> analyze_chain(const std::vector<Bytes>& der_chain, const TrustStore& store,
                                const std::string& host, std::time_t now);

}  // namespace etguard::tls
