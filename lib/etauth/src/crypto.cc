#include "etauth/crypto.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <array>
#include <atomic>
#include <mutex>
#include <optional>

namespace etauth {
namespace {

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;
using DigestContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;
using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

constexpr std::size_t kMinMacKeyBytes = 16;
constexpr int kMinRsaBits = 2048;
constexpr int kPssSaltBytes = 32;

const EVP_CIPHER* gcm_cipher(std::size_t key_bytes) {
  switch (key_bytes) {
    case 16:
      return EVP_aes_128_gcm();
    case 24:
      return EVP_aes_192_gcm();
    case 32:
      return EVP_aes_256_gcm();
    default:
      return nullptr;
  }
}

const char* cbc_name(std::size_t key_bytes) {
  switch (key_bytes) {
    case 16:
      return "AES-128-CBC";
    case 24:
      return "AES-192-CBC";
    case 32:
      return "AES-256-CBC";
    default:
      return nullptr;
  }
}

// SHA-256 fetched from the provider once: the implicit fetch behind
// EVP_sha256() costs a lookup on every signature.
const EVP_MD* sha256() {
  static EVP_MD* const digest = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return digest;
}

int size_of(std::span<const std::uint8_t> bytes) {
  return static_cast<int>(bytes.size());
}

// HMAC or CMAC through EVP_MAC.
Result<Bytes> mac(const char* algorithm, OSSL_PARAM* params, std::span<const std::uint8_t> key,
                  std::span<const std::uint8_t> data) {
  std::unique_ptr<EVP_MAC, decltype(&EVP_MAC_free)> method(
      EVP_MAC_fetch(nullptr, algorithm, nullptr), &EVP_MAC_free);
  std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)> context(
      method ? EVP_MAC_CTX_new(method.get()) : nullptr, &EVP_MAC_CTX_free);
  std::array<std::uint8_t, EVP_MAX_MD_SIZE> out{};
  std::size_t length = 0;
  if (!context || EVP_MAC_init(context.get(), key.data(), key.size(), params) != 1 ||
      EVP_MAC_update(context.get(), data.data(), data.size()) != 1 ||
      EVP_MAC_final(context.get(), out.data(), &length, out.size()) != 1) {
    return error(Errc::kCrypto, std::string(algorithm) + " failed");
  }
  return Bytes(out.data(), length);
}

enum class KeyFamily { kEc, kRsa, kEd25519 };

KeyFamily family_of(SignatureScheme scheme) {
  switch (scheme) {
    case SignatureScheme::kEcdsaP256Sha256:
    case SignatureScheme::kEcdsaP256Sha256Raw:
      return KeyFamily::kEc;
    case SignatureScheme::kEd25519:
      return KeyFamily::kEd25519;
    case SignatureScheme::kRsaPssSha256:
    case SignatureScheme::kRsaPkcs1Sha256:
      break;
  }
  return KeyFamily::kRsa;
}

KeyFamily family_of(EVP_PKEY* key) {
  if (EVP_PKEY_is_a(key, "EC") == 1) {
    return KeyFamily::kEc;
  }
  return EVP_PKEY_is_a(key, "ED25519") == 1 ? KeyFamily::kEd25519 : KeyFamily::kRsa;
}

// r || s (64 bytes) to DER; nullopt when it is not 64 bytes.
std::optional<Bytes> raw_to_der(std::span<const std::uint8_t> raw) {
  if (raw.size() != 64) {
    return std::nullopt;
  }
  std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(ECDSA_SIG_new(), &ECDSA_SIG_free);
  BIGNUM* r = BN_bin2bn(raw.data(), 32, nullptr);
  BIGNUM* s = BN_bin2bn(raw.data() + 32, 32, nullptr);
  if (!sig || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return std::nullopt;
  }
  unsigned char* der = nullptr;
  const int length = i2d_ECDSA_SIG(sig.get(), &der);
  if (length <= 0) {
    return std::nullopt;
  }
  Bytes out(der, static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return out;
}

Status set_padding(EVP_PKEY_CTX* context, SignatureScheme scheme) {
  if (scheme == SignatureScheme::kRsaPssSha256) {
    if (EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PSS_PADDING) != 1 ||
        EVP_PKEY_CTX_set_rsa_mgf1_md(context, sha256()) != 1 ||
        EVP_PKEY_CTX_set_rsa_pss_saltlen(context, kPssSaltBytes) != 1) {
      return error(Errc::kCrypto, "RSA-PSS parameters");
    }
  } else if (scheme == SignatureScheme::kRsaPkcs1Sha256) {
    if (EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) != 1) {
      return error(Errc::kCrypto, "RSA PKCS#1 parameters");
    }
  }
  return {};
}

// The checks every key passes, parsed or generated.
Status acceptable_key(EVP_PKEY* key) {
  if (EVP_PKEY_is_a(key, "EC") == 1) {
    std::array<char, 32> encoding{};
    std::array<char, 32> group{};
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_EC_ENCODING, encoding.data(),
                                       encoding.size(), nullptr) != 1 ||
        std::string_view(encoding.data()) != OSSL_PKEY_EC_ENCODING_GROUP) {
      return error(Errc::kInvalidArgument,
                   "an EC key must name its curve (explicit parameters refused)");
    }
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group.data(), group.size(),
                                       nullptr) != 1 ||
        std::string_view(group.data()) != "prime256v1") {
      return error(Errc::kInvalidArgument, "an EC key must be on P-256");
    }
    return {};
  }
  if (EVP_PKEY_is_a(key, "RSA") == 1 || EVP_PKEY_is_a(key, "RSA-PSS") == 1) {
    if (EVP_PKEY_get_bits(key) < kMinRsaBits) {
      return error(Errc::kInvalidArgument, "an RSA key has at least 2048 bits");
    }
    return {};
  }
  if (EVP_PKEY_is_a(key, "ED25519") == 1) {
    return {};
  }
  return error(Errc::kInvalidArgument, "only P-256, RSA and Ed25519 keys are accepted");
}

}  // namespace

struct GcmKey::State {
  CipherContext seal{EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free};
  CipherContext open{EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free};
  std::uint64_t max_seals = kGcmMaxRandomIvSeals;
  std::atomic<std::uint64_t> seals{0};
};

GcmKey::GcmKey(std::unique_ptr<State> state) : state_(std::move(state)) {}
GcmKey::GcmKey(GcmKey&&) noexcept = default;
GcmKey& GcmKey::operator=(GcmKey&&) noexcept = default;
GcmKey::~GcmKey() = default;

Result<GcmKey> GcmKey::create(std::span<const std::uint8_t> key, std::uint64_t max_seals) {
  const EVP_CIPHER* cipher = gcm_cipher(key.size());
  if (cipher == nullptr) {
    return error(Errc::kInvalidArgument, "AES-GCM takes a 128-, 192- or 256-bit key");
  }
  if (max_seals == 0 || max_seals > kGcmMaxRandomIvSeals) {
    return error(Errc::kInvalidArgument,
                 "a GCM key with random IVs seals between 1 and 2^32 messages");
  }
  auto state = std::make_unique<State>();
  state->max_seals = max_seals;
  if (!state->seal || !state->open ||
      EVP_EncryptInit_ex(state->seal.get(), cipher, nullptr, key.data(), nullptr) != 1 ||
      EVP_DecryptInit_ex(state->open.get(), cipher, nullptr, key.data(), nullptr) != 1) {
    return error(Errc::kCrypto, "AES-GCM key setup failed");
  }
  return GcmKey(std::move(state));
}

Status GcmKey::seal(std::span<const std::uint8_t> iv, std::span<const std::uint8_t> aad,
                    std::span<const std::uint8_t> plaintext, Bytes& out) {
  if (iv.size() != kGcmIvBytes) {
    return error(Errc::kInvalidArgument, "AES-GCM takes a 96-bit IV");
  }
  // Counted before sealing, so a failure still uses up an IV draw.
  if (state_->seals.fetch_add(1) >= state_->max_seals) {
    state_->seals.store(state_->max_seals);
    return error(Errc::kPolicy, "this AES-GCM key has sealed its limit of messages; rotate it");
  }
  EVP_CIPHER_CTX* context = state_->seal.get();
  const std::size_t start = out.size();
  out.resize(start + plaintext.size() + kGcmTagBytes);
  int length = 0;
  int final_length = 0;
  if (EVP_EncryptInit_ex(context, nullptr, nullptr, nullptr, iv.data()) != 1 ||
      (!aad.empty() &&
       EVP_EncryptUpdate(context, nullptr, &length, aad.data(), size_of(aad)) != 1) ||
      EVP_EncryptUpdate(context, out.data() + start, &length, plaintext.data(),
                        size_of(plaintext)) != 1 ||
      EVP_EncryptFinal_ex(context, out.data() + start + length, &final_length) != 1 ||
      EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, static_cast<int>(kGcmTagBytes),
                          out.data() + start + plaintext.size()) != 1) {
    out.resize(start);
    return error(Errc::kCrypto, "AES-GCM sealing failed");
  }
  return {};
}

std::uint64_t GcmKey::seals() const {
  return state_->seals.load();
}

Status GcmKey::open(std::span<const std::uint8_t> iv, std::span<const std::uint8_t> aad,
                    std::span<const std::uint8_t> sealed, Bytes& out) {
  if (iv.size() != kGcmIvBytes) {
    return error(Errc::kInvalidArgument, "AES-GCM takes a 96-bit IV");
  }
  if (sealed.size() < kGcmTagBytes) {
    return error(Errc::kBadCredential, "the sealed message is shorter than its tag");
  }
  EVP_CIPHER_CTX* context = state_->open.get();
  const std::size_t text_size = sealed.size() - kGcmTagBytes;
  const std::size_t start = out.size();
  out.resize(start + text_size);
  int length = 0;
  int final_length = 0;
  const bool ran =
      EVP_DecryptInit_ex(context, nullptr, nullptr, nullptr, iv.data()) == 1 &&
      (aad.empty() ||
       EVP_DecryptUpdate(context, nullptr, &length, aad.data(), size_of(aad)) == 1) &&
      EVP_DecryptUpdate(context, out.data() + start, &length, sealed.data(),
                        static_cast<int>(text_size)) == 1 &&
      EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, static_cast<int>(kGcmTagBytes),
                          const_cast<std::uint8_t*>(sealed.data() + text_size)) == 1;
  if (!ran || EVP_DecryptFinal_ex(context, out.data() + start + length, &final_length) != 1) {
    OPENSSL_cleanse(out.data() + start, text_size);
    out.resize(start);
    return ran ? error(Errc::kBadCredential, "the message does not authenticate")
               : error(Errc::kCrypto, "AES-GCM opening failed");
  }
  return {};
}

Result<Bytes> aes_gcm_seal(std::span<const std::uint8_t> key, std::span<const std::uint8_t> iv,
                           std::span<const std::uint8_t> aad,
                           std::span<const std::uint8_t> plaintext) {
  auto gcm = GcmKey::create(key);
  if (!gcm) {
    return std::unexpected(gcm.error());
  }
  Bytes out;
  if (auto sealed = gcm->seal(iv, aad, plaintext, out); !sealed) {
    return std::unexpected(sealed.error());
  }
  return out;
}

Result<Bytes> aes_gcm_open(std::span<const std::uint8_t> key, std::span<const std::uint8_t> iv,
                           std::span<const std::uint8_t> aad,
                           std::span<const std::uint8_t> sealed) {
  auto gcm = GcmKey::create(key);
  if (!gcm) {
    return std::unexpected(gcm.error());
  }
  Bytes out;
  if (auto opened = gcm->open(iv, aad, sealed, out); !opened) {
    return std::unexpected(opened.error());
  }
  return out;
}

Result<Bytes> hmac_sha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data) {
  if (key.size() < kMinMacKeyBytes) {
    return error(Errc::kInvalidArgument, "an HMAC key has at least 128 bits");
  }
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                         OSSL_PARAM_construct_end()};
  return mac("HMAC", params, key, data);
}

Status verify_hmac_sha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data,
                          std::span<const std::uint8_t> tag) {
  auto expected = hmac_sha256(key, data);
  if (!expected) {
    return std::unexpected(expected.error());
  }
  if (tag.size() != expected->size()) {
    return error(Errc::kInvalidArgument, "an HMAC-SHA256 tag is 32 bytes (no truncation)");
  }
  if (!equal_constant_time(*expected, tag)) {
    return error(Errc::kBadCredential, "the HMAC does not verify");
  }
  return {};
}

Result<Bytes> aes_cmac(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data) {
  const char* cipher_name = cbc_name(key.size());
  if (cipher_name == nullptr) {
    return error(Errc::kInvalidArgument, "AES-CMAC takes a 128-, 192- or 256-bit key");
  }
  std::string cipher(cipher_name);
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, cipher.data(), 0),
                         OSSL_PARAM_construct_end()};
  return mac("CMAC", params, key, data);
}

Status verify_aes_cmac(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data,
                       std::span<const std::uint8_t> tag) {
  auto expected = aes_cmac(key, data);
  if (!expected) {
    return std::unexpected(expected.error());
  }
  if (tag.size() != expected->size()) {
    return error(Errc::kInvalidArgument, "an AES-CMAC tag is 16 bytes (no truncation)");
  }
  if (!equal_constant_time(*expected, tag)) {
    return error(Errc::kBadCredential, "the CMAC does not verify");
  }
  return {};
}

struct PublicKey::State {
  Key key{nullptr, &EVP_PKEY_free};
  // A verification context set up once per scheme and copied for each
  // signature: setting one up (the provider's key context, the padding)
  // costs as much as an RSA verification itself.
  std::array<DigestContext, 4> prepared{
      DigestContext{nullptr, &EVP_MD_CTX_free}, DigestContext{nullptr, &EVP_MD_CTX_free},
      DigestContext{nullptr, &EVP_MD_CTX_free}, DigestContext{nullptr, &EVP_MD_CTX_free}};
  std::mutex lock;  // guards copying from `prepared` (Ed25519 needs none: one-shot, no digest)
};

PublicKey::PublicKey(std::unique_ptr<State> state) : state_(std::move(state)) {}
PublicKey::PublicKey(PublicKey&&) noexcept = default;
PublicKey& PublicKey::operator=(PublicKey&&) noexcept = default;
PublicKey::~PublicKey() = default;

Result<PublicKey> PublicKey::from_der(std::span<const std::uint8_t> spki) {
  const unsigned char* at = spki.data();
  Key key(d2i_PUBKEY(nullptr, &at, static_cast<long>(spki.size())), &EVP_PKEY_free);
  if (!key || at != spki.data() + spki.size()) {
    return error(Errc::kInvalidArgument, "not a DER SubjectPublicKeyInfo");
  }
  if (auto acceptable = acceptable_key(key.get()); !acceptable) {
    return std::unexpected(acceptable.error());
  }
  auto state = std::make_unique<State>();
  state->key = std::move(key);
  const KeyFamily family = family_of(state->key.get());
  for (const SignatureScheme scheme :
       {SignatureScheme::kEcdsaP256Sha256, SignatureScheme::kEcdsaP256Sha256Raw,
        SignatureScheme::kRsaPssSha256, SignatureScheme::kRsaPkcs1Sha256}) {
    if (family_of(scheme) != family) {
      continue;
    }
    DigestContext context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    EVP_PKEY_CTX* key_context = nullptr;
    if (!context ||
        EVP_DigestVerifyInit(context.get(), &key_context, sha256(), nullptr, state->key.get()) !=
            1 ||
        !set_padding(key_context, scheme)) {
      return error(Errc::kCrypto, "signature verification could not be prepared");
    }
    state->prepared[static_cast<std::size_t>(scheme)] = std::move(context);
  }
  return PublicKey(std::move(state));
}

bool PublicKey::is_ec() const {
  return EVP_PKEY_is_a(state_->key.get(), "EC") == 1;
}

Status PublicKey::verify(SignatureScheme scheme, std::span<const std::uint8_t> message,
                         std::span<const std::uint8_t> signature) const {
  if (family_of(scheme) != family_of(state_->key.get())) {
    return error(Errc::kInvalidArgument, "the signature scheme does not fit the key");
  }
  if (scheme == SignatureScheme::kEd25519) {
    DigestContext context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!context ||
        EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, state_->key.get()) != 1) {
      return error(Errc::kCrypto, "signature verification could not start");
    }
    if (EVP_DigestVerify(context.get(), signature.data(), signature.size(), message.data(),
                         message.size()) != 1) {
      return error(Errc::kBadCredential, "the signature does not verify");
    }
    return {};
  }
  Bytes converted;
  std::span<const std::uint8_t> der = signature;
  if (scheme == SignatureScheme::kEcdsaP256Sha256Raw) {
    auto made = raw_to_der(signature);
    if (!made) {
      return error(Errc::kBadCredential, "the signature does not verify");
    }
    converted = std::move(*made);
    der = converted;
  }
  DigestContext context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  {
    const std::lock_guard guard(state_->lock);
    if (!context ||
        EVP_MD_CTX_copy_ex(context.get(),
                           state_->prepared[static_cast<std::size_t>(scheme)].get()) != 1) {
      return error(Errc::kCrypto, "signature verification could not start");
    }
  }
  if (EVP_DigestVerify(context.get(), der.data(), der.size(), message.data(), message.size()) !=
      1) {
    return error(Errc::kBadCredential, "the signature does not verify");
  }
  return {};
}

struct PrivateKey::State {
  Key key{nullptr, &EVP_PKEY_free};
  // As for PublicKey: a signing context per scheme, prepared once, copied per signature.
  std::array<DigestContext, 4> prepared{
      DigestContext{nullptr, &EVP_MD_CTX_free}, DigestContext{nullptr, &EVP_MD_CTX_free},
      DigestContext{nullptr, &EVP_MD_CTX_free}, DigestContext{nullptr, &EVP_MD_CTX_free}};
  std::mutex lock;

  Status prepare() {
    const KeyFamily family = family_of(key.get());
    if (family == KeyFamily::kEd25519) {
      return error(Errc::kInvalidArgument, "Ed25519 keys are for verifying only");
    }
    for (const SignatureScheme scheme :
         {SignatureScheme::kEcdsaP256Sha256, SignatureScheme::kEcdsaP256Sha256Raw,
          SignatureScheme::kRsaPssSha256}) {
      if (family_of(scheme) != family) {
        continue;
      }
      DigestContext context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
      EVP_PKEY_CTX* key_context = nullptr;
      if (!context ||
          EVP_DigestSignInit(context.get(), &key_context, sha256(), nullptr, key.get()) != 1 ||
          !set_padding(key_context, scheme)) {
        return error(Errc::kCrypto, "signing could not be prepared");
      }
      prepared[static_cast<std::size_t>(scheme)] = std::move(context);
    }
    return {};
  }
};

PrivateKey::PrivateKey(std::unique_ptr<State> state) : state_(std::move(state)) {}
PrivateKey::PrivateKey(PrivateKey&&) noexcept = default;
PrivateKey& PrivateKey::operator=(PrivateKey&&) noexcept = default;
PrivateKey::~PrivateKey() = default;

Result<PrivateKey> PrivateKey::generate_p256() {
  auto state = std::make_unique<State>();
  state->key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!state->key) {
    return error(Errc::kCrypto, "P-256 key generation failed");
  }
  if (auto prepared = state->prepare(); !prepared) {
    return std::unexpected(prepared.error());
  }
  return PrivateKey(std::move(state));
}

Result<PrivateKey> PrivateKey::generate_rsa(int bits) {
  if (bits < kMinRsaBits) {
    return error(Errc::kInvalidArgument, "an RSA key has at least 2048 bits");
  }
  auto state = std::make_unique<State>();
  state->key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(bits)));
  if (!state->key) {
    return error(Errc::kCrypto, "RSA key generation failed");
  }
  if (auto prepared = state->prepare(); !prepared) {
    return std::unexpected(prepared.error());
  }
  return PrivateKey(std::move(state));
}

Result<PrivateKey> PrivateKey::from_der(std::span<const std::uint8_t> pkcs8) {
  const unsigned char* at = pkcs8.data();
  Key key(d2i_AutoPrivateKey(nullptr, &at, static_cast<long>(pkcs8.size())), &EVP_PKEY_free);
  if (!key || at != pkcs8.data() + pkcs8.size()) {
    return error(Errc::kInvalidArgument, "not a DER private key");
  }
  if (auto acceptable = acceptable_key(key.get()); !acceptable) {
    return std::unexpected(acceptable.error());
  }
  auto state = std::make_unique<State>();
  state->key = std::move(key);
  if (auto prepared = state->prepare(); !prepared) {
    return std::unexpected(prepared.error());
  }
  return PrivateKey(std::move(state));
}

Result<Bytes> PrivateKey::sign(SignatureScheme scheme,
                               std::span<const std::uint8_t> message) const {
  if (scheme == SignatureScheme::kRsaPkcs1Sha256 || scheme == SignatureScheme::kEd25519) {
    return error(Errc::kInvalidArgument,
                 "PKCS#1 v1.5 and Ed25519 are for verifying others' signatures only");
  }
  if (family_of(scheme) != family_of(state_->key.get())) {
    return error(Errc::kInvalidArgument, "the signature scheme does not fit the key");
  }
  DigestContext context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  {
    const std::lock_guard guard(state_->lock);
    if (!context ||
        EVP_MD_CTX_copy_ex(context.get(),
                           state_->prepared[static_cast<std::size_t>(scheme)].get()) != 1) {
      return error(Errc::kCrypto, "signing could not start");
    }
  }
  std::size_t length = static_cast<std::size_t>(EVP_PKEY_get_size(state_->key.get()));
  Bytes signature(length, 0);
  if (EVP_DigestSign(context.get(), signature.data(), &length, message.data(), message.size()) !=
      1) {
    return error(Errc::kCrypto, "signing failed");
  }
  signature.resize(length);
  if (scheme != SignatureScheme::kEcdsaP256Sha256Raw) {
    return signature;
  }
  const unsigned char* at = signature.data();
  std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(
      d2i_ECDSA_SIG(nullptr, &at, static_cast<long>(signature.size())), &ECDSA_SIG_free);
  Bytes raw(64, 0);
  if (!sig || BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), raw.data(), 32) != 32 ||
      BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), raw.data() + 32, 32) != 32) {
    return error(Errc::kCrypto, "signature conversion failed");
  }
  return raw;
}

Result<Bytes> PrivateKey::public_der() const {
  unsigned char* der = nullptr;
  const int length = i2d_PUBKEY(state_->key.get(), &der);
  if (length <= 0) {
    return error(Errc::kCrypto, "public key encoding failed");
  }
  Bytes out(der, static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return out;
}

}  // namespace etauth
