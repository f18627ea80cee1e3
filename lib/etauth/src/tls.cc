#include "etauth/tls.h"

namespace etauth {

Status apply_tls_policy(SSL_CTX* context) {
  if (context == nullptr) {
    return error(Errc::kInvalidArgument, "no SSL_CTX");
  }
  // TLS 1.2: ECDHE with an AEAD cipher, nothing else. TLS 1.3's suites are all AEAD with (EC)DHE.
  constexpr const char* kTls12 =
      "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
      "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
      "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";
  constexpr const char* kTls13 =
      "TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256";
  if (SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION) != 1 ||
      SSL_CTX_set_max_proto_version(context, TLS1_3_VERSION) != 1 ||
      SSL_CTX_set_cipher_list(context, kTls12) != 1 ||
      SSL_CTX_set_ciphersuites(context, kTls13) != 1 ||
      // The macro SSL_CTX_set1_groups_list casts the const away (-Wcast-qual).
      SSL_CTX_ctrl(context, SSL_CTRL_SET_GROUPS_LIST, 0, const_cast<char*>("X25519:P-256:P-384")) !=
          1) {
    return error(Errc::kCrypto, "the TLS policy could not be applied");
  }
  SSL_CTX_set_options(
      context, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  return {};
}

}  // namespace etauth
