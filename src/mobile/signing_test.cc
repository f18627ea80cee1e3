// The APK Signing Block reader on damaged blocks (the well-formed ones are in
// android_package_test.cc).
#include "mobile/signing.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace etguard::mobile {
namespace {

std::string package(std::string_view name) {
  std::ifstream in(std::string(ETG_SOURCE_DIR) + "/src/mobile/testdata/" + std::string(name),
                   std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

TEST(SigningBlock, ReadsV2AndV3Signers) {
  const std::string bytes = package("good.apk");
  const auto signing = read_signing_block(bytes_of(bytes), "good.apk");
  ASSERT_TRUE(signing) << signing.error().message;
  EXPECT_TRUE(signing->v2);
  EXPECT_TRUE(signing->v3);
  EXPECT_EQ(signing->signers.size(), 1U);
}

TEST(SigningBlock, ABlockWhoseSizesDisagreeIsALocatedError) {
  std::string bytes = package("good.apk");
  const std::size_t magic = bytes.find("APK Sig Block 42");
  ASSERT_NE(magic, std::string::npos);
  bytes[magic - 8] = static_cast<char>(bytes[magic - 8] + 8);  // the footer's size, now 8 larger
  const auto signing = read_signing_block(bytes_of(bytes), "good.apk");
  ASSERT_FALSE(signing);
  EXPECT_NE(signing.error().message.find("good.apk: byte 0x"), std::string::npos)
      << signing.error().message;
  EXPECT_NE(signing.error().message.find("APK Signing Block"), std::string::npos);
}

TEST(SigningBlock, ASignerLengthPastItsBlockIsAnError) {
  std::string bytes = package("v2only.apk");
  // The v2 value starts with the signer list's length: make it huge.
  const std::string id = {'\x1a', '\x87', '\x09', '\x71'};
  const std::size_t at = bytes.find(id);
  ASSERT_NE(at, std::string::npos);
  bytes[at + 4 + 3] = '\x7f';
  EXPECT_FALSE(read_signing_block(bytes_of(bytes), "v2only.apk"));
}

TEST(SigningBlock, NoBlockAndNoZipAreTold) {
  const std::string unsigned_bytes = package("unsigned.apk");
  const auto none = read_signing_block(bytes_of(unsigned_bytes), "unsigned.apk");
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->signed_at_all());
  EXPECT_FALSE(read_signing_block(bytes_of(std::string(100, 'x')), "x"));
}

TEST(JarSignature, RefusesWhatIsNotPkcs7) {
  const auto result =
      read_jar_signature(bytes_of(std::string("\x30\x03\x02\x01\x01", 5)), "CERT.RSA");
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("CERT.RSA"), std::string::npos);
}

}  // namespace
}  // namespace etguard::mobile
