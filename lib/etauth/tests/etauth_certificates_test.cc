// Certificates (Art. 35(5)): chains to an approved CA only, valid at the time
// of use, with a signing key usage; renewal only with a fresh OTP and the
// current key's signature.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "etauth/certificates.h"

namespace etauth {
namespace {

using std::chrono::days;
const std::chrono::sys_seconds kNow{std::chrono::seconds(1'800'000'000)};

struct Issued {
  EVP_PKEY* key = nullptr;
  X509* certificate = nullptr;
  Bytes der() const {
    unsigned char* out = nullptr;
    const int length = i2d_X509(certificate, &out);
    Bytes bytes(out, static_cast<std::size_t>(length));
    OPENSSL_free(out);
    return bytes;
  }
  Issued() = default;
  Issued(const Issued&) = delete;
  Issued& operator=(const Issued&) = delete;
  ~Issued() {
    X509_free(certificate);
    EVP_PKEY_free(key);
  }
};

void add_extension(X509* certificate, X509* issuer, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
  X509_add_ext(certificate, extension, -1);
  X509_EXTENSION_free(extension);
}

// A certificate for a new P-256 key, signed by `issuer` (itself when null).
std::unique_ptr<Issued> issue(const char* name, const Issued* issuer, bool ca, const char* usage,
                              std::chrono::sys_seconds from, std::chrono::sys_seconds to) {
  auto issued = std::make_unique<Issued>();
  issued->key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  X509* certificate = X509_new();
  X509_set_version(certificate, 2);
  static long serial = 1;
  ASN1_INTEGER_set(X509_get_serialNumber(certificate), ++serial);
  ASN1_TIME_set(X509_getm_notBefore(certificate), from.time_since_epoch().count());
  ASN1_TIME_set(X509_getm_notAfter(certificate), to.time_since_epoch().count());
  X509_set_pubkey(certificate, issued->key);
  X509_NAME_add_entry_by_txt(X509_get_subject_name(certificate), "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(name), -1, -1, 0);
  X509* signer_certificate = issuer != nullptr ? issuer->certificate : certificate;
  X509_set_issuer_name(certificate, X509_get_subject_name(signer_certificate));
  add_extension(certificate, signer_certificate, NID_basic_constraints,
                ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  add_extension(certificate, signer_certificate, NID_key_usage, usage);
  add_extension(certificate, signer_certificate, NID_subject_key_identifier, "hash");
  add_extension(certificate, signer_certificate, NID_authority_key_identifier, "keyid:always");
  X509_sign(certificate, issuer != nullptr ? issuer->key : issued->key, EVP_sha256());
  issued->certificate = certificate;
  return issued;
}

class CertificatesTest : public ::testing::Test {
 protected:
  std::unique_ptr<Issued> ca_ = issue("Approved CA", nullptr, true, "critical,keyCertSign,cRLSign",
                                      kNow - days(100), kNow + days(3650));
  std::unique_ptr<Issued> rogue_ =
      issue("Rogue CA", nullptr, true, "critical,keyCertSign", kNow - days(100), kNow + days(3650));
  ApprovedAuthorities approved_ =
      ApprovedAuthorities::create(std::vector<Bytes>{ca_->der()}).value();
};

TEST_F(CertificatesTest, OnlyApprovedValidSigningCertificates) {
  const auto good = issue("A123456789", ca_.get(), false, "critical,digitalSignature",
                          kNow - days(10), kNow + days(355));
  const auto key = approved_.verify(good->der(), {}, kNow);
  ASSERT_TRUE(key.has_value()) << key.error().message;
  EXPECT_TRUE(key->is_ec());

  const auto foreign = issue("A123456789", rogue_.get(), false, "critical,digitalSignature",
                             kNow - days(10), kNow + days(355));
  EXPECT_EQ(approved_.verify(foreign->der(), {}, kNow).error().code, Errc::kBadCredential);
  EXPECT_EQ(approved_.verify(good->der(), {}, kNow + days(400)).error().code, Errc::kBadCredential);
  EXPECT_EQ(approved_.verify(good->der(), {}, kNow - days(20)).error().code, Errc::kBadCredential);
  const auto encipher_only = issue("A123456789", ca_.get(), false, "critical,keyEncipherment",
                                   kNow - days(10), kNow + days(355));
  EXPECT_EQ(approved_.verify(encipher_only->der(), {}, kNow).error().code, Errc::kBadCredential);
  EXPECT_EQ(approved_.verify(Bytes{0x30, 0x00}, {}, kNow).error().code, Errc::kInvalidArgument);
  const auto leaf_as_ca = issue("not a CA", ca_.get(), false, "critical,digitalSignature",
                                kNow - days(10), kNow + days(355));
  EXPECT_EQ(ApprovedAuthorities::create(std::vector<Bytes>{leaf_as_ca->der()}).error().code,
            Errc::kInvalidArgument);
}

TEST_F(CertificatesTest, RenewalNeedsAFreshOtpAndTheCurrentKey) {
  const PrivateKey current = PrivateKey::generate_p256().value();
  const PublicKey current_public = PublicKey::from_der(current.public_der().value()).value();
  const PrivateKey next = PrivateKey::generate_p256().value();
  const Bytes seed(20, 0x33);
  RenewalRequest request;
  request.new_public_key = next.public_der().value();
  request.signature =
      current.sign(SignatureScheme::kEcdsaP256Sha256, renewal_message(request.new_public_key))
          .value();
  request.otp_code = totp(seed, kNow).value();
  const auto step = check_renewal(request, current_public, seed, kNow, std::nullopt);
  ASSERT_TRUE(step.has_value()) << step.error().message;
  EXPECT_EQ(check_renewal(request, current_public, seed, kNow, *step).error().code, Errc::kReplay);

  RenewalRequest unsigned_request = request;
  unsigned_request.signature =
      next.sign(SignatureScheme::kEcdsaP256Sha256, renewal_message(request.new_public_key)).value();
  EXPECT_EQ(check_renewal(unsigned_request, current_public, seed, kNow, std::nullopt).error().code,
            Errc::kBadCredential);
  RenewalRequest no_otp = request;
  no_otp.otp_code = request.otp_code == "000000" ? "111111" : "000000";
  EXPECT_EQ(check_renewal(no_otp, current_public, seed, kNow, std::nullopt).error().code,
            Errc::kBadCredential);
}

}  // namespace
}  // namespace etauth
