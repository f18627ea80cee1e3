// WebAuthn assertions: one made by a P-256, RSA or Ed25519 "authenticator"
// here verifies; user verification counts as a second factor type only as the
// method registered (biometric: inherence, PIN: knowledge, unknown: none);
// each thing that can be wrong is refused.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <array>
#include <memory>
#include <utility>
#include <vector>

#include "etauth/webauthn.h"

namespace etauth {
namespace {

Bytes sha256(std::string_view text) {
  Bytes digest(32, 0);
  unsigned length = 0;
  EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr);
  return digest;
}

std::string base64url(const Bytes& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  out.resize(static_cast<std::size_t>(EVP_EncodeBlock(
      reinterpret_cast<unsigned char*>(out.data()), bytes.data(), static_cast<int>(bytes.size()))));
  while (!out.empty() && out.back() == '=') {
    out.pop_back();
  }
  for (char& c : out) {
    c = c == '+' ? '-' : c == '/' ? '_' : c;
  }
  return out;
}

class Authenticator {
 public:
  Bytes data(std::string_view rp_id, std::uint8_t flags, std::uint32_t count) const {
    Bytes out = sha256(rp_id);
    out.push_back(flags);
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.push_back(static_cast<std::uint8_t>(count >> static_cast<unsigned>(shift)));
    }
    return out;
  }
  Bytes sign(const Bytes& authenticator_data, std::string_view client) const {
    Bytes signed_data = authenticator_data;
    const Bytes hash = sha256(client);
    signed_data.append(hash.begin(), hash.end());
    return key.sign(SignatureScheme::kEcdsaP256Sha256, signed_data).value();
  }
  PrivateKey key = PrivateKey::generate_p256().value();
};

const Bytes kChallenge{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

std::string client(std::string_view type = "webauthn.get", const Bytes& challenge = kChallenge,
                   std::string_view origin = "https://trade.example.com.tw") {
  return R"({"type":")" + std::string(type) + R"(","challenge":")" + base64url(challenge) +
         R"(","origin":")" + std::string(origin) + R"(","crossOrigin":false})";
}

class WebAuthnTest : public ::testing::Test {
 protected:
  Result<VerifiedAssertion> check(const Bytes& data, const std::string& client_json,
                                  const Bytes& signature) {
    return verify_assertion(data, client_json, signature, credential_, expected_);
  }
  Authenticator device_;
  StoredCredential credential_{device_.key.public_der().value(), 41, CoseAlgorithm::kEs256,
                               UserVerificationMethod::kBiometric};
  AssertionExpectation expected_{"trade.example.com.tw", "https://trade.example.com.tw", kChallenge,
                                 true};
};

TEST_F(WebAuthnTest, AVerifiedUserIsTwoFactorTypes) {
  const Bytes data = device_.data("trade.example.com.tw", 0x05, 42);
  const auto verified = check(data, client(), device_.sign(data, client()));
  ASSERT_TRUE(verified.has_value()) << verified.error().message;
  EXPECT_EQ(verified->sign_count, 42U);
  EXPECT_TRUE(require_two_factor_types(verified->factors).has_value());
}

TEST_F(WebAuthnTest, EachWrongThingIsRefused) {
  const auto refused = [&](const Bytes& data, const std::string& client_json) {
    return check(data, client_json, device_.sign(data, client_json)).error().code;
  };
  EXPECT_EQ(refused(device_.data("evil.example", 0x05, 42), client()), Errc::kBadCredential);
  EXPECT_EQ(refused(device_.data("trade.example.com.tw", 0x04, 42), client()),
            Errc::kBadCredential);
  EXPECT_EQ(refused(device_.data("trade.example.com.tw", 0x01, 42), client()),
            Errc::kBadCredential);
  const Bytes good = device_.data("trade.example.com.tw", 0x05, 42);
  EXPECT_EQ(refused(good, client("webauthn.create")), Errc::kBadCredential);
  EXPECT_EQ(refused(good, client("webauthn.get", Bytes(16, 9))), Errc::kBadCredential);
  EXPECT_EQ(refused(good, client("webauthn.get", kChallenge, "https://evil.example")),
            Errc::kBadCredential);
  EXPECT_EQ(refused(device_.data("trade.example.com.tw", 0x05, 41), client()), Errc::kReplay);
  EXPECT_EQ(refused(good, "not json"), Errc::kInvalidArgument);
  // Signed by another authenticator.
  const Authenticator other;
  EXPECT_EQ(check(good, client(), other.sign(good, client())).error().code, Errc::kBadCredential);
  // The signature must cover exactly what was sent.
  Bytes longer = good;
  longer.push_back(0);
  EXPECT_EQ(check(longer, client(), device_.sign(longer, client())).error().code,
            Errc::kInvalidArgument);
  EXPECT_EQ(refused(device_.data("trade.example.com.tw", 0x45, 42), client()),
            Errc::kInvalidArgument);  // attested credential data has no place in an assertion
}

TEST_F(WebAuthnTest, WithoutUserVerificationItIsOneFactorWhenThatIsAllowed) {
  expected_.require_user_verification = false;
  const Bytes data = device_.data("trade.example.com.tw", 0x01, 42);
  const auto verified = check(data, client(), device_.sign(data, client()));
  ASSERT_TRUE(verified.has_value()) << verified.error().message;
  EXPECT_FALSE(require_two_factor_types(verified->factors).has_value());
}

TEST(AuthenticatorData, CountersOfZeroMeanNone) {
  Authenticator device;
  const StoredCredential credential{device.key.public_der().value(), 0, CoseAlgorithm::kEs256,
                                    UserVerificationMethod::kBiometric};
  const AssertionExpectation expected{"rp.example", "https://rp.example", kChallenge, true};
  const Bytes data = device.data("rp.example", 0x05, 0);
  const std::string json = client("webauthn.get", kChallenge, "https://rp.example");
  EXPECT_TRUE(verify_assertion(data, json, device.sign(data, json), credential, expected));
  EXPECT_FALSE(parse_authenticator_data(Bytes(36, 0)).has_value());
}

// Hygiene: UV was counted as inherence whatever the authenticator checked.
TEST_F(WebAuthnTest, UserVerificationCountsAsTheMethodRegistered) {
  const Bytes data = device_.data("trade.example.com.tw", 0x05, 42);
  const auto types = [&](UserVerificationMethod method) {
    credential_.user_verification = method;
    const VerifiedAssertion verified = check(data, client(), device_.sign(data, client())).value();
    std::vector<FactorType> found;
    for (const VerifiedFactor& factor : verified.factors) {
      found.push_back(factor.type);
    }
    return found;
  };
  EXPECT_EQ(types(UserVerificationMethod::kBiometric),
            (std::vector{FactorType::kPossession, FactorType::kInherence}));
  EXPECT_EQ(types(UserVerificationMethod::kPin),
            (std::vector{FactorType::kPossession, FactorType::kKnowledge}));
  EXPECT_EQ(types(UserVerificationMethod::kUnknown), (std::vector{FactorType::kPossession}));
}

// An authenticator with an OpenSSL key of the given type ("ED25519", "RSA").
struct OtherAuthenticator {
  explicit OtherAuthenticator(const char* type)
      : key(std::string_view(type) == "RSA" ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", 2048)
                                            : EVP_PKEY_Q_keygen(nullptr, nullptr, type),
            &EVP_PKEY_free),
        rsa(std::string_view(type) == "RSA") {}
  Bytes spki() const {
    unsigned char* der = nullptr;
    const int length = i2d_PUBKEY(key.get(), &der);
    Bytes out(der, static_cast<std::size_t>(length));
    OPENSSL_free(der);
    return out;
  }
  Bytes sign(const Bytes& authenticator_data, std::string_view client_json) const {
    Bytes message = authenticator_data;
    const Bytes hash = sha256(client_json);
    message.append(hash.begin(), hash.end());
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                    &EVP_MD_CTX_free);
    EVP_DigestSignInit(context.get(), nullptr, rsa ? EVP_sha256() : nullptr, nullptr, key.get());
    std::size_t length = 0;
    EVP_DigestSign(context.get(), nullptr, &length, message.data(), message.size());
    Bytes signature(length, 0);
    EVP_DigestSign(context.get(), signature.data(), &length, message.data(), message.size());
    signature.resize(length);
    return signature;
  }
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key;
  bool rsa;
};

TEST(WebAuthnAlgorithms, Rs256AndEdDsaAuthenticatorsVerify) {
  const AssertionExpectation expected{"rp.example", "https://rp.example", kChallenge, true};
  const std::string json = client("webauthn.get", kChallenge, "https://rp.example");
  Authenticator p256;
  const Bytes data = p256.data("rp.example", 0x05, 7);
  const std::array<std::pair<const char*, CoseAlgorithm>, 2> kinds{
      {{"ED25519", CoseAlgorithm::kEdDsa}, {"RSA", CoseAlgorithm::kRs256}}};
  for (const auto& [type, algorithm] : kinds) {
    const OtherAuthenticator device(type);
    const StoredCredential credential{device.spki(), 6, algorithm,
                                      UserVerificationMethod::kBiometric};
    const auto verified =
        verify_assertion(data, json, device.sign(data, json), credential, expected);
    ASSERT_TRUE(verified.has_value()) << type << ": " << verified.error().message;
    EXPECT_TRUE(require_two_factor_types(verified->factors).has_value());
    Bytes forged = device.sign(data, json);
    forged[forged.size() / 2] ^= 0x01U;
    EXPECT_EQ(verify_assertion(data, json, forged, credential, expected).error().code,
              Errc::kBadCredential)
        << type;
    // The algorithm is the one registered: an ES256 claim for this key fails.
    StoredCredential wrong = credential;
    wrong.algorithm = CoseAlgorithm::kEs256;
    EXPECT_FALSE(verify_assertion(data, json, device.sign(data, json), wrong, expected));
  }
}

}  // namespace
}  // namespace etauth
