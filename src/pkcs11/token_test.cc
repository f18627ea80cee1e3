// Against SoftHSM2 (Debian's softhsm2): a throwaway token per test process.
// Skipped when the module is not installed.
#include "pkcs11/token.h"

#include <dlfcn.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <p11-kit/pkcs11.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace etguard::pkcs11 {
namespace {

constexpr const char* kModule = "/usr/lib/softhsm/libsofthsm2.so";

// A SoftHSM2 configuration and an initialised token in a temporary directory.
class SoftHsm {
 public:
  SoftHsm() {
    dir_ = std::filesystem::temp_directory_path() / ("etg-softhsm-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "tokens");
    std::ofstream(dir_ / "softhsm2.conf") << "directories.tokendir = " << (dir_ / "tokens").string()
                                          << "\nobjectstore.backend = file\nlog.level = ERROR\n";
    ::setenv("SOFTHSM2_CONF", (dir_ / "softhsm2.conf").c_str(), 1);
    const std::string init =
        "softhsm2-util --init-token --free --label etguard-test --so-pin 5678 --pin 1234 "
        ">/dev/null";
    ready_ = std::system(init.c_str()) == 0;
  }
  ~SoftHsm() { std::filesystem::remove_all(dir_); }
  bool ready() const { return ready_; }
  static std::string uri(const std::string& object) {
    return "pkcs11:token=etguard-test;object=" + object + "?module-path=" + kModule +
           "&pin-value=1234";
  }

 private:
  std::filesystem::path dir_;
  bool ready_ = false;
};

SoftHsm& softhsm() {
  static SoftHsm hsm;
  return hsm;
}

class TokenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kModule)) {
      GTEST_SKIP() << "SoftHSM2 is not installed";
    }
    ASSERT_TRUE(softhsm().ready()) << "softhsm2-util could not initialise a token";
  }
};

bool verifies(const Bytes& public_key, const std::string& message, const Bytes& signature) {
  EVP_PKEY* key =
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, public_key.data(), public_key.size());
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  const bool ok =
      key != nullptr && EVP_DigestVerifyInit(context, nullptr, nullptr, nullptr, key) == 1 &&
      EVP_DigestVerify(context, signature.data(), signature.size(),
                       reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
  EVP_MD_CTX_free(context);
  EVP_PKEY_free(key);
  return ok;
}

TEST_F(TokenTest, SignsWithAnEd25519KeyThatStaysOnTheToken) {
  auto token = Token::open(SoftHsm::uri("ledger"));
  ASSERT_TRUE(token) << token.error().message;
  EXPECT_FALSE(token->has_private_key());
  ASSERT_TRUE(token->generate_ed25519());
  EXPECT_TRUE(token->has_private_key());
  auto public_key = token->ed25519_public_key();
  ASSERT_TRUE(public_key) << public_key.error().message;
  ASSERT_EQ(public_key->size(), 32U);
  const std::string message = "checkpoint 42";
  auto signature = token->sign_ed25519(
      std::span(reinterpret_cast<const std::uint8_t*>(message.data()), message.size()));
  ASSERT_TRUE(signature) << signature.error().message;
  EXPECT_TRUE(verifies(*public_key, message, *signature));
  EXPECT_FALSE(verifies(*public_key, "checkpoint 43", *signature));
  // The stored URI never carries the PIN.
  EXPECT_EQ(token->public_uri().find("1234"), std::string::npos) << token->public_uri();
  EXPECT_NE(token->public_uri().find("module-path"), std::string::npos);
}

TEST_F(TokenTest, ThePrivateKeyCannotBeReadOrWrappedOut) {
  auto token = Token::open(SoftHsm::uri("sealed"));
  ASSERT_TRUE(token);
  ASSERT_TRUE(token->generate_ed25519());
  // Reach past the Token interface, as an attacker with the PIN would.
  CK_FUNCTION_LIST* module = nullptr;
  CK_C_GetFunctionList get = nullptr;
  void* library = dlopen(kModule, RTLD_NOW);
  ASSERT_NE(library, nullptr);
  get = reinterpret_cast<CK_C_GetFunctionList>(dlsym(library, "C_GetFunctionList"));
  ASSERT_EQ(get(&module), CKR_OK);
  CK_SLOT_ID slots[8];
  CK_ULONG count = 8;
  ASSERT_EQ(module->C_GetSlotList(CK_TRUE, slots, &count), CKR_OK);
  CK_SESSION_HANDLE session = 0;
  ASSERT_EQ(module->C_OpenSession(slots[0], CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr,
                                  &session),
            CKR_OK);
  module->C_Login(session, CKU_USER, reinterpret_cast<CK_UTF8CHAR_PTR>(const_cast<char*>("1234")),
                  4);
  CK_OBJECT_CLASS private_class = CKO_PRIVATE_KEY;
  std::string label = "sealed";
  CK_ATTRIBUTE query[] = {{CKA_CLASS, &private_class, sizeof private_class},
                          {CKA_LABEL, label.data(), label.size()}};
  CK_OBJECT_HANDLE key = 0;
  CK_ULONG found = 0;
  ASSERT_EQ(module->C_FindObjectsInit(session, query, 2), CKR_OK);
  ASSERT_EQ(module->C_FindObjects(session, &key, 1, &found), CKR_OK);
  module->C_FindObjectsFinal(session);
  ASSERT_EQ(found, 1U);
  CK_BBOOL sensitive = CK_FALSE;
  CK_BBOOL extractable = CK_TRUE;
  CK_ATTRIBUTE flags[] = {{CKA_SENSITIVE, &sensitive, sizeof sensitive},
                          {CKA_EXTRACTABLE, &extractable, sizeof extractable}};
  ASSERT_EQ(module->C_GetAttributeValue(session, key, flags, 2), CKR_OK);
  EXPECT_EQ(sensitive, CK_TRUE);
  EXPECT_EQ(extractable, CK_FALSE);
  unsigned char value[64];
  CK_ATTRIBUTE secret{CKA_VALUE, value, sizeof value};
  EXPECT_EQ(module->C_GetAttributeValue(session, key, &secret, 1), CKR_ATTRIBUTE_SENSITIVE);
  // Wrapping it out under a key of our own is refused as well.
  CK_OBJECT_CLASS secret_class = CKO_SECRET_KEY;
  CK_KEY_TYPE aes = CKK_AES;
  CK_ULONG length = 32;
  CK_BBOOL yes = CK_TRUE;
  CK_ATTRIBUTE wrapping_template[] = {{CKA_CLASS, &secret_class, sizeof secret_class},
                                      {CKA_KEY_TYPE, &aes, sizeof aes},
                                      {CKA_VALUE_LEN, &length, sizeof length},
                                      {CKA_WRAP, &yes, sizeof yes}};
  CK_MECHANISM generate{CKM_AES_KEY_GEN, nullptr, 0};
  CK_OBJECT_HANDLE wrapping = 0;
  ASSERT_EQ(module->C_GenerateKey(session, &generate, wrapping_template, 4, &wrapping), CKR_OK);
  CK_MECHANISM wrap{CKM_AES_KEY_WRAP_PAD, nullptr, 0};
  unsigned char wrapped[256];
  CK_ULONG wrapped_size = sizeof wrapped;
  const CK_RV rv = module->C_WrapKey(session, &wrap, wrapping, key, wrapped, &wrapped_size);
  EXPECT_NE(rv, CKR_OK);
  EXPECT_TRUE(rv == CKR_KEY_UNEXTRACTABLE || rv == CKR_KEY_NOT_WRAPPABLE) << std::hex << rv;
  module->C_CloseSession(session);
}

TEST_F(TokenTest, ComputesHmacWithASecretThatStaysOnTheToken) {
  auto token = Token::open(SoftHsm::uri("pseudonyms"));
  ASSERT_TRUE(token) << token.error().message;
  EXPECT_FALSE(token->has_secret_key());
  const std::string message =
      "TW_NATIONAL_ID\x1f"
      "A123456789";
  const auto bytes =
      std::span(reinterpret_cast<const std::uint8_t*>(message.data()), message.size());
  EXPECT_FALSE(token->hmac_sha256(bytes).has_value());  // no key yet
  ASSERT_TRUE(token->generate_hmac_key());
  EXPECT_TRUE(token->has_secret_key());
  auto first = token->hmac_sha256(bytes);
  auto again = token->hmac_sha256(bytes);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->size(), 32U);
  EXPECT_EQ(*first, *again);
  const std::string other =
      "TW_NATIONAL_ID\x1f"
      "A123456780";
  EXPECT_NE(*first, *token->hmac_sha256(std::span(
                        reinterpret_cast<const std::uint8_t*>(other.data()), other.size())));
}

TEST_F(TokenTest, BadUrisAndUnknownTokensSayWhat) {
  auto garbage = Token::open("https://example.com/key");
  ASSERT_FALSE(garbage);
  EXPECT_NE(garbage.error().message.find("not a PKCS#11 URI"), std::string::npos);
  auto no_module = Token::open("pkcs11:token=etguard-test;object=x");
  ASSERT_FALSE(no_module);
  EXPECT_NE(no_module.error().message.find("module-path"), std::string::npos);
  auto missing = Token::open(std::string("pkcs11:token=nope;object=x?module-path=") + kModule);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("no PKCS#11 token matches"), std::string::npos);
}

}  // namespace
}  // namespace etguard::pkcs11
