#include "checks/tls/policy.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace etguard::tls_checks {
namespace {

std::string write_policy(const std::string& text) {
  const std::string path = "/tmp/etguard-policy-" + std::to_string(::getpid()) + "-" +
                           ::testing::UnitTest::GetInstance()->current_test_info()->name() +
                           ".yaml";
  std::ofstream(path) << text;
  return path;
}

TEST(TlsPolicy, DefaultsAreTheProductsReading) {
  const TlsPolicy policy;
  EXPECT_TRUE(policy.admit_curve25519_448);
  EXPECT_TRUE(policy.admit_chacha20);
  EXPECT_TRUE(policy.finite_field_dh_fails);
  EXPECT_TRUE(policy.sha1_mac_fails);
  EXPECT_TRUE(policy.short_tag_fails);
  EXPECT_FALSE(policy.untrusted_fails);
  EXPECT_EQ(policy.min_rsa_bits, 2048);
  EXPECT_EQ(policy.min_ec_bits, 256);
}

TEST(TlsPolicy, LoadsSettingsFromYaml) {
  auto policy = load_tls_policy(
      write_policy("admit_curve25519_448: false\nuntrusted_fails: true\nmin_rsa_bits: 3072\n"));
  ASSERT_TRUE(policy) << policy.error().message;
  EXPECT_FALSE(policy->admit_curve25519_448);
  EXPECT_TRUE(policy->untrusted_fails);
  EXPECT_EQ(policy->min_rsa_bits, 3072);
  EXPECT_TRUE(policy->admit_chacha20);  // untouched settings keep their defaults
}

TEST(TlsPolicy, UnknownKeysAndWrongTypesNameFileAndLine) {
  const std::string path = write_policy("admit_chacha20: true\nadmit_x25519: true\n");
  auto unknown = load_tls_policy(path);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, path + ":2:1: unknown-key: unknown setting 'admit_x25519'");
  auto wrong = load_tls_policy(write_policy("min_ec_bits: lots\n"));
  ASSERT_FALSE(wrong);
  EXPECT_NE(
      wrong.error().message.find(":1:14: bad-type: 'min_ec_bits' has a value of the wrong type"),
      std::string::npos)
      << wrong.error().message;
  // Every problem is reported, each at its place.
  auto several =
      load_tls_policy(write_policy("min_rsa_bits: 99999\nadmit_x25519: true\nmin_ec_bits: -1\n"));
  ASSERT_FALSE(several);
  EXPECT_NE(several.error().message.find(":1:15: out-of-range:"), std::string::npos);
  EXPECT_NE(several.error().message.find(":2:1: unknown-key:"), std::string::npos);
  EXPECT_NE(several.error().message.find(":3:14: out-of-range:"), std::string::npos)
      << several.error().message;
  // A setting given twice is refused with the document, at the second one.
  auto twice = load_tls_policy(write_policy("min_rsa_bits: 3072\nmin_rsa_bits: 2048\n"));
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().message.find(":2:1: duplicate-key:"), std::string::npos)
      << twice.error().message;
  auto missing = load_tls_policy("/nonexistent/policy.yaml");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
}

}  // namespace
}  // namespace etguard::tls_checks
