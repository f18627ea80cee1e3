// The TLS floor of Art. 34 for a trading system's own servers and clients:
// TLS 1.2 or 1.3 only; in TLS 1.2 only ECDHE key exchange with AEAD ciphers
// (AES-GCM, ChaCha20-Poly1305); no compression, no renegotiation; curves
// X25519, P-256, P-384. Works on any OpenSSL 3 SSL_CTX the host creates.
#pragma once

#include <openssl/ssl.h>

#include "etauth/error.h"

namespace etauth {

Status apply_tls_policy(SSL_CTX* context);

}  // namespace etauth
