#include "tls/full_handshake.h"

#include <fcntl.h>
#include <openssl/ssl.h>
#include <sys/socket.h>

#include <memory>

namespace etguard::tls {
namespace {

struct CtxFree {
  void operator()(SSL_CTX* ctx) const { SSL_CTX_free(ctx); }
};
struct SslFree {
  void operator()(SSL* ssl) const { SSL_free(ssl); }
};

// Maps OpenSSL's (signature type, digest) pair back to the TLS code point.
std::optional<std::uint16_t> scheme_code(int type_nid, int digest_nid) {
  if (type_nid == NID_ED25519) {
    return 0x0807;
  }
  if (type_nid == NID_ED448) {
    return 0x0808;
  }
  const int hash_index = digest_nid == NID_sha256   ? 0
                         : digest_nid == NID_sha384 ? 1
                         : digest_nid == NID_sha512 ? 2
                                                    : -1;
  if (hash_index < 0) {
    return std::nullopt;
  }
  const auto offset = static_cast<std::uint16_t>(hash_index);
  if (type_nid == NID_rsassaPss) {
    return static_cast<std::uint16_t>(0x0804 + offset);
  }
  if (type_nid == EVP_PKEY_EC) {
    return static_cast<std::uint16_t>(0x0403 + 0x100 * offset);
  }
  if (type_nid == EVP_PKEY_RSA) {
    return static_cast<std::uint16_t>(0x0401 + 0x100 * offset);
  }
  return std::nullopt;
}

void set_socket_timeouts(int fd, Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline - Clock::now());
  const long micros = std::max<long>(1000, static_cast<long>(left.count()));
  timeval limit{micros / 1'000'000, micros % 1'000'000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
}

}  // namespace

std::optional<FullHandshake> tls13_handshake(const Endpoint& endpoint, const std::string& schemes,
                                             Clock::time_point deadline) {
  auto socket = open_connection(endpoint, deadline);
  if (!socket) {
    return std::nullopt;
  }
  const int fd = socket->fd();
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  set_socket_timeouts(fd, deadline);

  std::unique_ptr<SSL_CTX, CtxFree> ctx(SSL_CTX_new(TLS_client_method()));
  if (!ctx) {
    return std::nullopt;
  }
  SSL_CTX_set_security_level(ctx.get(), 0);  // see weak certificates instead of refusing them
  SSL_CTX_set_min_proto_version(ctx.get(), TLS1_3_VERSION);
  SSL_CTX_set_max_proto_version(ctx.get(), TLS1_3_VERSION);
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
  SSL_CTX_set_ciphersuites(
      ctx.get(),
      "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:"
      "TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256");
  // SSL_CTX_set1_groups_list and SSL_CTX_set1_sigalgs_list are macros that
  // cast the const away (-Wcast-qual); OpenSSL copies the lists.
  SSL_CTX_ctrl(
      ctx.get(), SSL_CTRL_SET_GROUPS_LIST, 0,
      const_cast<char*>(
          "X25519:P-256:P-384:P-521:X448:ffdhe2048:ffdhe3072:ffdhe4096:ffdhe6144:ffdhe8192"));
  if (SSL_CTX_ctrl(ctx.get(), SSL_CTRL_SET_SIGALGS_LIST, 0, const_cast<char*>(schemes.c_str())) !=
      1) {
    return std::nullopt;
  }
  std::unique_ptr<SSL, SslFree> ssl(SSL_new(ctx.get()));
  SSL_set_fd(ssl.get(), fd);
  if (!endpoint.server_name.empty()) {
    SSL_ctrl(ssl.get(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
             const_cast<char*>(endpoint.server_name.c_str()));
  }
  if (SSL_connect(ssl.get()) != 1) {
    return std::nullopt;
  }
  FullHandshake result;
  if (STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl.get())) {
    for (int i = 0; i < sk_X509_num(chain); ++i) {
      unsigned char* der = nullptr;
      const int length = i2d_X509(sk_X509_value(chain, i), &der);
      if (length > 0) {
        result.chain.emplace_back(der, der + length);
      }
      OPENSSL_free(der);
    }
  }
  int type_nid = NID_undef;
  int digest_nid = NID_undef;
  SSL_get_peer_signature_type_nid(ssl.get(), &type_nid);
  SSL_get_peer_signature_nid(ssl.get(), &digest_nid);
  result.scheme = scheme_code(type_nid, digest_nid);
  if (const char* group =
          SSL_group_to_name(ssl.get(), static_cast<int>(SSL_get_negotiated_group(ssl.get())))) {
    result.group = group;
  }
  result.suite =
      static_cast<std::uint16_t>(SSL_CIPHER_get_protocol_id(SSL_get_current_cipher(ssl.get())));
  SSL_set_quiet_shutdown(ssl.get(), 1);
  return result;
}

}  // namespace etguard::tls
