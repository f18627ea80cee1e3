#include "tls/algorithms.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

namespace etguard::tls {
namespace {

struct SuiteName {
  std::uint16_t code;
  std::string_view name;
};

constexpr SuiteName kSuiteNames[] = {
#include "tls/cipher_suite_names.inc"
};

bool has(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// The key exchange named by the part of an IANA name before "_WITH_"; the
// first matching prefix wins, so the order matters.
KeyExchange key_exchange_of(std::string_view exchange) {
  constexpr std::array<std::pair<std::string_view, KeyExchange>, 9> kPrefixes = {{
      {"ECDHE", KeyExchange::kEcdhe},
      {"ECDH_anon", KeyExchange::kEcdhe},
      {"ECDH_", KeyExchange::kStatic},
      {"DHE", KeyExchange::kDhe},
      {"DH_anon", KeyExchange::kDhe},
      {"DH_", KeyExchange::kStatic},
      {"RSA_PSK", KeyExchange::kPsk},
      {"RSA", KeyExchange::kRsa},
      {"PSK", KeyExchange::kPsk},
  }};
  for (const auto& [prefix, kind] : kPrefixes) {
    if (exchange.starts_with(prefix)) {
      return kind;
    }
  }
  return KeyExchange::kOther;  // SRP, Kerberos, GOST
}

// Key bits of the cipher named in `rest` (the part after "_WITH_").
int cipher_bits_of(std::string_view rest, CipherClass cipher) {
  constexpr std::array<std::pair<std::string_view, int>, 8> kMarkers = {{
      {"_256", 256},
      {"CHACHA20", 256},
      {"_128", 128},
      {"3DES", 112},
      {"_40", 40},
      {"DES40", 40},
      {"_56", 56},
      {"DES", 56},
  }};
  for (const auto& [marker, bits] : kMarkers) {
    if (has(rest, marker)) {
      return bits;
    }
  }
  return cipher == CipherClass::kNull ? 0 : 128;  // IDEA, SEED, RC4_128 without a size marker
}

// Derives a suite's attributes from its IANA name, e.g.
// TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 or TLS_AES_128_GCM_SHA256.
CipherSuite describe(SuiteName entry) {
  CipherSuite suite;
  suite.code = entry.code;
  suite.name = entry.name;
  const std::string_view name = entry.name;
  const std::size_t with = name.find("_WITH_");
  const std::string_view exchange = with == std::string_view::npos ? "" : name.substr(4, with - 4);
  const std::string_view rest =
      with == std::string_view::npos ? name.substr(4) : name.substr(with + 6);
  suite.tls13 = (entry.code >> 8U) == 0x13;
  // TLS 1.3 suites count as ECDHE here; the negotiated group refines it.
  suite.key_exchange = suite.tls13 ? KeyExchange::kEcdhe : key_exchange_of(exchange);
  suite.anonymous = has(exchange, "anon");
  suite.ecdsa = has(exchange, "ECDSA");

  if (has(rest, "NULL")) {
    suite.cipher = CipherClass::kNull;
  } else if (has(rest, "EXPORT") || has(exchange, "EXPORT") || has(rest, "RC4") ||
             has(rest, "RC2") || has(rest, "DES") || has(rest, "IDEA") || has(rest, "SEED") ||
             has(rest, "28147")) {
    suite.cipher = CipherClass::kBroken;
  } else if (has(rest, "AES")) {
    suite.cipher = CipherClass::kAes;
  } else if (has(rest, "CAMELLIA") || has(rest, "ARIA")) {
    suite.cipher = CipherClass::kCamellia;
  } else if (has(rest, "CHACHA20")) {
    suite.cipher = CipherClass::kChacha20;
  }
  suite.cipher_bits = cipher_bits_of(rest, suite.cipher);
  suite.short_tag = has(rest, "CCM_8");

  const bool aead = has(rest, "GCM") || has(rest, "CCM") || has(rest, "POLY1305") || suite.tls13;
  if (aead) {
    suite.mac = MacKind::kAead;
  } else if (rest.ends_with("_MD5")) {
    suite.mac = MacKind::kMd5;
  } else if (rest.ends_with("_SHA")) {
    suite.mac = MacKind::kSha1;
  } else if (rest.ends_with("_SHA256")) {
    suite.mac = MacKind::kSha256;
  } else if (rest.ends_with("_SHA384")) {
    suite.mac = MacKind::kSha384;
  } else {
    suite.mac = MacKind::kGost;
  }
  return suite;
}

const std::vector<CipherSuite>& suite_table() {
  static const std::vector<CipherSuite> table = [] {
    std::vector<CipherSuite> suites;
    for (const SuiteName& entry : kSuiteNames) {
      suites.push_back(describe(entry));
    }
    return suites;
  }();
  return table;
}

constexpr std::array kGroups = {
    Group{1, "sect163k1", GroupKind::kEllipticCurve, 163},
    Group{2, "sect163r1", GroupKind::kEllipticCurve, 163},
    Group{3, "sect163r2", GroupKind::kEllipticCurve, 163},
    Group{4, "sect193r1", GroupKind::kEllipticCurve, 193},
    Group{5, "sect193r2", GroupKind::kEllipticCurve, 193},
    Group{6, "sect233k1", GroupKind::kEllipticCurve, 233},
    Group{7, "sect233r1", GroupKind::kEllipticCurve, 233},
    Group{8, "sect239k1", GroupKind::kEllipticCurve, 239},
    Group{9, "sect283k1", GroupKind::kEllipticCurve, 283},
    Group{10, "sect283r1", GroupKind::kEllipticCurve, 283},
    Group{11, "sect409k1", GroupKind::kEllipticCurve, 409},
    Group{12, "sect409r1", GroupKind::kEllipticCurve, 409},
    Group{13, "sect571k1", GroupKind::kEllipticCurve, 571},
    Group{14, "sect571r1", GroupKind::kEllipticCurve, 571},
    Group{15, "secp160k1", GroupKind::kEllipticCurve, 160},
    Group{16, "secp160r1", GroupKind::kEllipticCurve, 160},
    Group{17, "secp160r2", GroupKind::kEllipticCurve, 160},
    Group{18, "secp192k1", GroupKind::kEllipticCurve, 192},
    Group{19, "secp192r1", GroupKind::kEllipticCurve, 192},
    Group{20, "secp224k1", GroupKind::kEllipticCurve, 224},
    Group{21, "secp224r1", GroupKind::kEllipticCurve, 224},
    Group{22, "secp256k1", GroupKind::kEllipticCurve, 256},
    Group{23, "secp256r1", GroupKind::kEllipticCurve, 256},
    Group{24, "secp384r1", GroupKind::kEllipticCurve, 384},
    Group{25, "secp521r1", GroupKind::kEllipticCurve, 521},
    Group{26, "brainpoolP256r1", GroupKind::kEllipticCurve, 256},
    Group{27, "brainpoolP384r1", GroupKind::kEllipticCurve, 384},
    Group{28, "brainpoolP512r1", GroupKind::kEllipticCurve, 512},
    Group{29, "x25519", GroupKind::kMontgomery, 255},
    Group{30, "x448", GroupKind::kMontgomery, 448},
    Group{31, "brainpoolP256r1tls13", GroupKind::kEllipticCurve, 256},
    Group{32, "brainpoolP384r1tls13", GroupKind::kEllipticCurve, 384},
    Group{33, "brainpoolP512r1tls13", GroupKind::kEllipticCurve, 512},
    Group{256, "ffdhe2048", GroupKind::kFiniteField, 2048},
    Group{257, "ffdhe3072", GroupKind::kFiniteField, 3072},
    Group{258, "ffdhe4096", GroupKind::kFiniteField, 4096},
    Group{259, "ffdhe6144", GroupKind::kFiniteField, 6144},
    Group{260, "ffdhe8192", GroupKind::kFiniteField, 8192},
    Group{0x11EC, "X25519MLKEM768", GroupKind::kHybrid, 255},
    Group{0x6399, "X25519Kyber768Draft00", GroupKind::kHybrid, 255},
};

constexpr std::array kSchemes = {
    SignatureScheme{0x0101, "rsa_pkcs1_md5", HashKind::kMd5, false},
    SignatureScheme{0x0201, "rsa_pkcs1_sha1", HashKind::kSha1, false},
    SignatureScheme{0x0202, "dsa_sha1", HashKind::kSha1, false},
    SignatureScheme{0x0203, "ecdsa_sha1", HashKind::kSha1, true},
    SignatureScheme{0x0301, "rsa_pkcs1_sha224", HashKind::kSha224, false},
    SignatureScheme{0x0302, "dsa_sha224", HashKind::kSha224, false},
    SignatureScheme{0x0303, "ecdsa_sha224", HashKind::kSha224, true},
    SignatureScheme{0x0401, "rsa_pkcs1_sha256", HashKind::kSha256, false},
    SignatureScheme{0x0402, "dsa_sha256", HashKind::kSha256, false},
    SignatureScheme{0x0403, "ecdsa_secp256r1_sha256", HashKind::kSha256, true},
    SignatureScheme{0x0501, "rsa_pkcs1_sha384", HashKind::kSha384, false},
    SignatureScheme{0x0503, "ecdsa_secp384r1_sha384", HashKind::kSha384, true},
    SignatureScheme{0x0601, "rsa_pkcs1_sha512", HashKind::kSha512, false},
    SignatureScheme{0x0603, "ecdsa_secp521r1_sha512", HashKind::kSha512, true},
    SignatureScheme{0x0804, "rsa_pss_rsae_sha256", HashKind::kSha256, false},
    SignatureScheme{0x0805, "rsa_pss_rsae_sha384", HashKind::kSha384, false},
    SignatureScheme{0x0806, "rsa_pss_rsae_sha512", HashKind::kSha512, false},
    SignatureScheme{0x0807, "ed25519", HashKind::kIntrinsic, false},
    SignatureScheme{0x0808, "ed448", HashKind::kIntrinsic, false},
    SignatureScheme{0x0809, "rsa_pss_pss_sha256", HashKind::kSha256, false},
    SignatureScheme{0x080A, "rsa_pss_pss_sha384", HashKind::kSha384, false},
    SignatureScheme{0x080B, "rsa_pss_pss_sha512", HashKind::kSha512, false},
    SignatureScheme{0x081A, "ecdsa_brainpoolP256r1tls13_sha256", HashKind::kSha256, true},
    SignatureScheme{0x081B, "ecdsa_brainpoolP384r1tls13_sha384", HashKind::kSha384, true},
    SignatureScheme{0x081C, "ecdsa_brainpoolP512r1tls13_sha512", HashKind::kSha512, true},
};

}  // namespace

std::span<const CipherSuite> cipher_suites() {
  return suite_table();
}

const CipherSuite* find_cipher_suite(std::uint16_t code) {
  const auto& table = suite_table();
  auto found = std::lower_bound(
      table.begin(), table.end(), code,
      [](const CipherSuite& suite, std::uint16_t value) { return suite.code < value; });
  return found != table.end() && found->code == code ? &*found : nullptr;
}

std::span<const Group> groups() {
  return kGroups;
}

const Group* find_group(std::uint16_t code) {
  auto found = std::ranges::find(kGroups, code, &Group::code);
  return found == kGroups.end() ? nullptr : &*found;
}

std::span<const SignatureScheme> signature_schemes() {
  return kSchemes;
}

const SignatureScheme* find_signature_scheme(std::uint16_t code) {
  auto found = std::ranges::find(kSchemes, code, &SignatureScheme::code);
  return found == kSchemes.end() ? nullptr : &*found;
}

std::string code_hex(std::uint16_t code) {
  return fmt::format("0x{:04X}", code);
}

std::string_view to_string(KeyExchange value) {
  switch (value) {
    case KeyExchange::kEcdhe:
      return "ECDHE";
    case KeyExchange::kDhe:
      return "DHE";
    case KeyExchange::kRsa:
      return "RSA";
    case KeyExchange::kStatic:
      return "static-DH";
    case KeyExchange::kPsk:
      return "PSK";
    case KeyExchange::kOther:
      return "other";
  }
  return "other";
}

std::string_view to_string(MacKind value) {
  switch (value) {
    case MacKind::kAead:
      return "AEAD";
    case MacKind::kMd5:
      return "MD5";
    case MacKind::kSha1:
      return "SHA1";
    case MacKind::kSha256:
      return "SHA256";
    case MacKind::kSha384:
      return "SHA384";
    case MacKind::kGost:
      return "GOST";
  }
  return "AEAD";
}

}  // namespace etguard::tls
