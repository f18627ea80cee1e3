// Every Wycheproof vector for the primitives etauth uses, through etauth's
// own functions (not OpenSSL directly): valid vectors must be accepted,
// invalid ones refused. Vectors whose parameters are below the library's
// floors (IVs other than 96 bits, truncated tags, short keys) must be refused
// as kInvalidArgument — never accepted — and are counted by reason.
#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "etauth/crypto.h"
#include "test_support.h"

namespace etauth {
namespace {

using testing::from_hex;

using Json = nlohmann::json;

Json vectors(const std::string& name) {
  std::ifstream in(std::string(ETAUTH_TEST_DATA) + "/wycheproof/" + name);
  return Json::parse(in);
}

// The outcome of one file.
struct Tally {
  int accepted_valid = 0;
  int refused_invalid = 0;
  int acceptable = 0;
  std::map<std::string, int> below_floor;  // reason -> vectors refused by policy
  int total() const {
    int n = accepted_valid + refused_invalid + acceptable;
    for (const auto& [reason, count] : below_floor) {
      n += count;
    }
    return n;
  }
};

// Records one vector's outcome; `ok` is whether etauth accepted it.
void record(Tally& tally, const Json& test, const std::string& file, bool ok) {
  const std::string expected = test["result"];
  if (expected == "acceptable") {
    ++tally.acceptable;
  } else if (expected == "valid") {
    EXPECT_TRUE(ok) << file << " tcId " << test["tcId"] << ": " << test["comment"];
    ++tally.accepted_valid;
  } else {
    EXPECT_FALSE(ok) << file << " tcId " << test["tcId"] << ": " << test["comment"];
    ++tally.refused_invalid;
  }
}

void print(const std::string& file, const Tally& tally, std::size_t expected_total) {
  EXPECT_EQ(static_cast<std::size_t>(tally.total()), expected_total) << file;
  std::string floors;
  for (const auto& [reason, count] : tally.below_floor) {
    floors += " " + std::to_string(count) + " " + reason + ";";
  }
  std::printf(
      "%s: %d valid accepted, %d invalid refused, %d acceptable; refused below the floor:%s\n",
      file.c_str(), tally.accepted_valid, tally.refused_invalid, tally.acceptable,
      floors.empty() ? " none" : floors.c_str());
}

TEST(Wycheproof, AesGcm) {
  const std::string file = "aes_gcm_test.json";
  const Json data = vectors(file);
  Tally tally;
  for (const Json& group : data["testGroups"]) {
    for (const Json& test : group["tests"]) {
      const Bytes key = from_hex(test["key"]);
      const Bytes iv = from_hex(test["iv"]);
      const Bytes aad = from_hex(test["aad"]);
      Bytes sealed = from_hex(test["ct"]);
      const Bytes tag = from_hex(test["tag"]);
      sealed.insert(sealed.end(), tag.begin(), tag.end());
      const auto opened = aes_gcm_open(key, iv, aad, sealed);
      if (group["ivSize"] != 96) {
        ASSERT_FALSE(opened.has_value());
        EXPECT_EQ(opened.error().code, Errc::kInvalidArgument);
        ++tally.below_floor["IV not 96 bits"];
        continue;
      }
      const bool ok = opened.has_value() && *opened == from_hex(test["msg"]);
      if (ok) {  // sealing gives the same bytes
        EXPECT_EQ(aes_gcm_seal(key, iv, aad, from_hex(test["msg"])).value(), sealed);
      }
      record(tally, test, file, ok);
    }
  }
  print(file, tally, data["numberOfTests"]);
}

template <typename Verify>
void mac_file(const std::string& file, std::size_t full_tag_bits, Verify verify,
              const std::string& key_floor) {
  const Json data = vectors(file);
  Tally tally;
  for (const Json& group : data["testGroups"]) {
    for (const Json& test : group["tests"]) {
      const Bytes key = from_hex(test["key"]);
      const auto verified = verify(key, from_hex(test["msg"]), from_hex(test["tag"]));
      if (group["tagSize"] != full_tag_bits) {
        ASSERT_FALSE(verified.has_value());
        EXPECT_EQ(verified.error().code, Errc::kInvalidArgument);
        ++tally.below_floor["truncated tags"];
        continue;
      }
      if (!verified && verified.error().code == Errc::kInvalidArgument) {
        ++tally.below_floor[key_floor];
        EXPECT_NE(test["result"], "valid") << file << " tcId " << test["tcId"];
        continue;
      }
      record(tally, test, file, verified.has_value());
    }
  }
  print(file, tally, data["numberOfTests"]);
}

TEST(Wycheproof, HmacSha256) {
  mac_file(
      "hmac_sha256_test.json", 256,
      [](const Bytes& key, const Bytes& msg, const Bytes& tag) {
        return verify_hmac_sha256(key, msg, tag);
      },
      "keys under 128 bits");
}

TEST(Wycheproof, AesCmac) {
  mac_file(
      "aes_cmac_test.json", 128,
      [](const Bytes& key, const Bytes& msg, const Bytes& tag) {
        return verify_aes_cmac(key, msg, tag);
      },
      "keys not 128, 192 or 256 bits");
}

void signature_file(const std::string& file, SignatureScheme scheme) {
  const Json data = vectors(file);
  Tally tally;
  for (const Json& group : data["testGroups"]) {
    const auto key = PublicKey::from_der(from_hex(group["publicKeyDer"]));
    ASSERT_TRUE(key.has_value()) << file << ": " << key.error().message;
    for (const Json& test : group["tests"]) {
      record(tally, test, file,
             key->verify(scheme, from_hex(test["msg"]), from_hex(test["sig"])).has_value());
    }
  }
  print(file, tally, data["numberOfTests"]);
}

TEST(Wycheproof, EcdsaP256Der) {
  signature_file("ecdsa_secp256r1_sha256_test.json", SignatureScheme::kEcdsaP256Sha256);
}

TEST(Wycheproof, EcdsaP256P1363) {
  signature_file("ecdsa_secp256r1_sha256_p1363_test.json", SignatureScheme::kEcdsaP256Sha256Raw);
}

TEST(Wycheproof, RsaPss2048Sha256) {
  signature_file("rsa_pss_2048_sha256_mgf1_32_test.json", SignatureScheme::kRsaPssSha256);
}

TEST(Wycheproof, RsaPkcs1v15VerifyOnly) {
  signature_file("rsa_signature_2048_sha256_test.json", SignatureScheme::kRsaPkcs1Sha256);
}

// OpenSSL 3.0 parses a P-256 key given with explicit curve parameters; a
// forged curve could hide in them, so etauth refuses any key that does not
// name its curve.
TEST(PublicKeys, ExplicitCurveParametersAreRefused) {
  const auto generated = PrivateKey::generate_p256().value();
  const Bytes named = generated.public_der().value();
  ASSERT_TRUE(PublicKey::from_der(named).has_value());

  const unsigned char* at = named.data();
  EVP_PKEY* key = d2i_PUBKEY(nullptr, &at, static_cast<long>(named.size()));
  ASSERT_NE(key, nullptr);
  ASSERT_EQ(EVP_PKEY_set_utf8_string_param(key, OSSL_PKEY_PARAM_EC_ENCODING,
                                           OSSL_PKEY_EC_ENCODING_EXPLICIT),
            1);
  unsigned char* der = nullptr;
  const int length = i2d_PUBKEY(key, &der);
  ASSERT_GT(length, 0);
  const Bytes explicit_der(der, static_cast<std::size_t>(length));
  OPENSSL_free(der);
  EVP_PKEY_free(key);
  EXPECT_GT(explicit_der.size(), named.size());  // the parameters are spelled out
  const auto refused = PublicKey::from_der(explicit_der);
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().message.find("explicit"), std::string::npos);
  EXPECT_FALSE(PublicKey::from_der(Bytes{0x30, 0x00}).has_value());
  Bytes trailing = named;
  trailing.push_back(0);
  EXPECT_FALSE(PublicKey::from_der(trailing).has_value());
}

TEST(Signatures, SignAndVerifyEveryScheme) {
  const Bytes message{'o', 'r', 'd', 'e', 'r'};
  const auto ec = PrivateKey::generate_p256().value();
  const auto ec_public = PublicKey::from_der(ec.public_der().value()).value();
  for (const SignatureScheme scheme :
       {SignatureScheme::kEcdsaP256Sha256, SignatureScheme::kEcdsaP256Sha256Raw}) {
    const Bytes signature = ec.sign(scheme, message).value();
    EXPECT_TRUE(ec_public.verify(scheme, message, signature).has_value());
    EXPECT_FALSE(ec_public.verify(scheme, Bytes{'o', 'r', 'd', 'e', 'R'}, signature).has_value());
  }
  EXPECT_EQ(ec.sign(SignatureScheme::kEcdsaP256Sha256Raw, message)->size(), 64U);
  const auto rsa = PrivateKey::generate_rsa(2048).value();
  const auto rsa_public = PublicKey::from_der(rsa.public_der().value()).value();
  const Bytes pss = rsa.sign(SignatureScheme::kRsaPssSha256, message).value();
  EXPECT_TRUE(rsa_public.verify(SignatureScheme::kRsaPssSha256, message, pss).has_value());
  EXPECT_EQ(rsa.sign(SignatureScheme::kRsaPkcs1Sha256, message).error().code,
            Errc::kInvalidArgument);  // verify-only
  EXPECT_EQ(PrivateKey::generate_rsa(1024).error().code, Errc::kInvalidArgument);
  EXPECT_EQ(ec_public.verify(SignatureScheme::kRsaPssSha256, message, pss).error().code,
            Errc::kInvalidArgument);
}

}  // namespace
}  // namespace etauth
