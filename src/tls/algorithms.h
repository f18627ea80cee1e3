// The TLS algorithm registries etguard knows: cipher suites (IANA code and
// name, with key exchange, authentication, cipher and MAC derived from the
// name), named groups and signature schemes. Lookups by code return nullptr
// for codes not in the registry; a scan still reports such codes by number.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace etguard::tls {

enum class KeyExchange {
  kEcdhe,   // ephemeral elliptic-curve Diffie-Hellman (and every TLS 1.3 suite)
  kDhe,     // ephemeral finite-field Diffie-Hellman
  kRsa,     // RSA key transport (no forward secrecy)
  kStatic,  // static (EC)DH from the certificate
  kPsk,     // pre-shared key without ephemeral exchange
  kOther,   // SRP, Kerberos, GOST
};

enum class CipherClass {
  kNull,
  kBroken,    // RC4, RC2, DES, 3DES, IDEA, export ciphers, SEED, GOST 28147
  kAes,       // AES-128/256 in CBC, GCM or CCM
  kCamellia,  // Camellia and ARIA: AES-equivalent national block ciphers
  kChacha20,  // ChaCha20-Poly1305
};

enum class MacKind { kAead, kMd5, kSha1, kSha256, kSha384, kGost };

struct CipherSuite {
  std::uint16_t code = 0;
  std::string_view name;  // IANA name
  KeyExchange key_exchange = KeyExchange::kOther;
  bool anonymous = false;  // no server authentication (DH_anon, ECDH_anon)
  bool tls13 = false;      // a TLS 1.3 suite (key exchange negotiated separately)
  CipherClass cipher = CipherClass::kNull;
  int cipher_bits = 0;
  bool short_tag = false;  // CCM_8: 64-bit authentication tag
  MacKind mac = MacKind::kAead;
  bool ecdsa = false;  // authenticated by an ECDSA certificate
};

std::span<const CipherSuite> cipher_suites();
const CipherSuite* find_cipher_suite(std::uint16_t code);

enum class GroupKind { kEllipticCurve, kMontgomery, kFiniteField, kHybrid };

struct Group {
  std::uint16_t code = 0;
  std::string_view name;
  GroupKind kind = GroupKind::kEllipticCurve;
  int bits = 0;  // curve or field size
};

std::span<const Group> groups();
const Group* find_group(std::uint16_t code);

enum class HashKind { kMd5, kSha1, kSha224, kSha256, kSha384, kSha512, kIntrinsic };

struct SignatureScheme {
  std::uint16_t code = 0;
  std::string_view name;
  HashKind hash = HashKind::kSha256;
  bool ecdsa = false;
};

std::span<const SignatureScheme> signature_schemes();
const SignatureScheme* find_signature_scheme(std::uint16_t code);

// "0xC02F" style rendering of a code the registries may not know.
std::string code_hex(std::uint16_t code);

std::string_view to_string(KeyExchange value);
std::string_view to_string(MacKind value);

}  // namespace etguard::tls
