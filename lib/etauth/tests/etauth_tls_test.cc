// The TLS policy: only TLS 1.2+ with ECDHE and AEAD ciphers is offered, a
// handshake within the policy works, and a peer limited to TLS 1.1 or to a
// non-ECDHE cipher is refused. In memory (BIO pairs): no network at all.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "etauth/tls.h"

namespace etauth {
namespace {

using Context = std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)>;

Context server_context() {
  Context context(SSL_CTX_new(TLS_server_method()), &SSL_CTX_free);
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  X509* certificate = X509_new();
  ASN1_INTEGER_set(X509_get_serialNumber(certificate), 1);
  X509_gmtime_adj(X509_getm_notBefore(certificate), 0);
  X509_gmtime_adj(X509_getm_notAfter(certificate), 3600);
  X509_set_pubkey(certificate, key);
  X509_NAME_add_entry_by_txt(X509_get_subject_name(certificate), "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(certificate, X509_get_subject_name(certificate));
  X509_sign(certificate, key, EVP_sha256());
  SSL_CTX_use_certificate(context.get(), certificate);
  SSL_CTX_use_PrivateKey(context.get(), key);
  X509_free(certificate);
  EVP_PKEY_free(key);
  return context;
}

// Runs a handshake between the two contexts over a BIO pair; the version on success.
int handshake(SSL_CTX* server_ctx, SSL_CTX* client_ctx) {
  SSL* server = SSL_new(server_ctx);
  SSL* client = SSL_new(client_ctx);
  BIO* server_io = nullptr;
  BIO* client_io = nullptr;
  BIO_new_bio_pair(&server_io, 0, &client_io, 0);
  SSL_set_bio(server, server_io, server_io);
  SSL_set_bio(client, client_io, client_io);
  SSL_set_accept_state(server);
  SSL_set_connect_state(client);
  bool server_done = false;
  bool client_done = false;
  for (int round = 0; round < 20 && !(server_done && client_done); ++round) {
    client_done = client_done || SSL_do_handshake(client) == 1;
    server_done = server_done || SSL_do_handshake(server) == 1;
  }
  const int version = server_done && client_done ? SSL_version(client) : 0;
  SSL_free(server);
  SSL_free(client);
  return version;
}

TEST(TlsPolicy, OffersOnlyTls12PlusEcdheAead) {
  Context context(SSL_CTX_new(TLS_method()), &SSL_CTX_free);
  ASSERT_TRUE(apply_tls_policy(context.get()).has_value());
  EXPECT_EQ(SSL_CTX_get_min_proto_version(context.get()), TLS1_2_VERSION);
  STACK_OF(SSL_CIPHER)* ciphers = SSL_CTX_get_ciphers(context.get());
  ASSERT_GT(sk_SSL_CIPHER_num(ciphers), 0);
  for (int i = 0; i < sk_SSL_CIPHER_num(ciphers); ++i) {
    const SSL_CIPHER* cipher = sk_SSL_CIPHER_value(ciphers, i);
    const int kx = SSL_CIPHER_get_kx_nid(cipher);
    EXPECT_TRUE(kx == NID_kx_ecdhe || kx == NID_kx_any) << SSL_CIPHER_get_name(cipher);
    EXPECT_EQ(SSL_CIPHER_is_aead(cipher), 1) << SSL_CIPHER_get_name(cipher);
  }
  EXPECT_EQ(apply_tls_policy(nullptr).error().code, Errc::kInvalidArgument);
}

TEST(TlsPolicy, HandshakesWithinThePolicyAndRefusesBelowIt) {
  Context server = server_context();
  ASSERT_TRUE(apply_tls_policy(server.get()).has_value());
  Context client(SSL_CTX_new(TLS_client_method()), &SSL_CTX_free);
  ASSERT_TRUE(apply_tls_policy(client.get()).has_value());
  EXPECT_EQ(handshake(server.get(), client.get()), TLS1_3_VERSION);

  Context tls12(SSL_CTX_new(TLS_client_method()), &SSL_CTX_free);
  SSL_CTX_set_max_proto_version(tls12.get(), TLS1_2_VERSION);
  EXPECT_EQ(handshake(server.get(), tls12.get()), TLS1_2_VERSION);

  Context old(SSL_CTX_new(TLS_client_method()), &SSL_CTX_free);
  SSL_CTX_set_security_level(old.get(), 0);
  SSL_CTX_set_min_proto_version(old.get(), TLS1_VERSION);
  SSL_CTX_set_max_proto_version(old.get(), TLS1_1_VERSION);
  SSL_CTX_set_cipher_list(old.get(), "ALL:@SECLEVEL=0");
  EXPECT_EQ(handshake(server.get(), old.get()), 0);

  Context cbc(SSL_CTX_new(TLS_client_method()), &SSL_CTX_free);
  SSL_CTX_set_max_proto_version(cbc.get(), TLS1_2_VERSION);
  SSL_CTX_set_cipher_list(cbc.get(), "ECDHE-ECDSA-AES128-SHA256:AES128-GCM-SHA256");
  EXPECT_EQ(handshake(server.get(), cbc.get()), 0);  // CBC, or no ECDHE: refused
}

}  // namespace
}  // namespace etauth
