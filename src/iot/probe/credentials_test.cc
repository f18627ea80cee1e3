#include "iot/probe/credentials.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace etguard::iot::probe {
namespace {

TEST(Credentials, TheBuiltInListCoversEveryServiceAndSaysWhereEachIs) {
  auto credentials = parse_credentials("built-in", std::string(builtin_credentials_yaml()));
  ASSERT_TRUE(credentials) << credentials.error().message;
  for (std::string_view service : kServices) {
    EXPECT_TRUE(std::ranges::any_of(*credentials, [&](const Credential& credential) {
      return credential.service == service;
    })) << service;
  }
  const auto snmp = std::ranges::find(*credentials, "snmp", &Credential::service);
  ASSERT_NE(snmp, credentials->end());
  EXPECT_EQ(snmp->password, "public");
  EXPECT_TRUE(snmp->user.empty());
  EXPECT_EQ(credentials->front().listed_at, "built-in:4");
}

TEST(Credentials, AnExtraFileIsReadWithEmptyPasswordsAndLineNumbers) {
  auto credentials = parse_credentials("extra.yaml",
                                       "format: etguard.iot-credentials\n"
                                       "credentials:\n"
                                       "  - {service: http, user: operator, password: \"\"}\n"
                                       "  - service: snmp\n"
                                       "    community: cctv-ro\n");
  ASSERT_TRUE(credentials) << credentials.error().message;
  ASSERT_EQ(credentials->size(), 2U);
  EXPECT_EQ((*credentials)[0].user, "operator");
  EXPECT_EQ((*credentials)[0].password, "");
  EXPECT_EQ((*credentials)[0].listed_at, "extra.yaml:3");
  EXPECT_EQ((*credentials)[1].password, "cctv-ro");
  EXPECT_EQ((*credentials)[1].listed_at, "extra.yaml:4");
}

TEST(Credentials, EveryProblemIsLocatedAndNoneIsSkipped) {
  auto credentials =
      parse_credentials("bad.yaml",
                        "format: etguard.iot-credentials\n"
                        "credentials:\n"
                        "  - {service: rdp, user: root, password: root}\n"
                        "  - {service: mqtt, user: admin}\n"
                        "  - {service: snmp, user: x, community: public}\n"
                        "  - {service: ftp, user: a, password: b, comment: x}\n"
                        "  - {service: ftp, user: \"a\\r\\nDELE x\", password: b}\n");
  ASSERT_FALSE(credentials);
  const std::string& message = credentials.error().message;
  EXPECT_NE(message.find("bad.yaml:3:"), std::string::npos) << message;
  EXPECT_NE(message.find("unknown service 'rdp'"), std::string::npos) << message;
  EXPECT_NE(message.find("bad.yaml:4:"), std::string::npos) << message;
  EXPECT_NE(message.find("'password'"), std::string::npos) << message;
  EXPECT_NE(message.find("bad.yaml:5:"), std::string::npos) << message;
  EXPECT_NE(message.find("community, not user/password"), std::string::npos) << message;
  EXPECT_NE(message.find("bad.yaml:6:"), std::string::npos) << message;
  EXPECT_NE(message.find("comment"), std::string::npos) << message;
  EXPECT_NE(message.find("bad.yaml:7:"), std::string::npos) << message;
  EXPECT_NE(message.find("control character"), std::string::npos) << message;
}

TEST(Credentials, AFileOfAnotherFormatIsRefused) {
  auto credentials =
      parse_credentials("other.yaml", "format: etguard.registers\ncredentials: []\n");
  ASSERT_FALSE(credentials);
  EXPECT_NE(credentials.error().message.find("other.yaml:1:"), std::string::npos)
      << credentials.error().message;
  EXPECT_FALSE(parse_credentials("list.yaml", "- a\n- b\n"));
}

TEST(Credentials, AMissingExtraFileIsAnError) {
  auto credentials = load_credentials({"/nonexistent/creds.yaml"});
  ASSERT_FALSE(credentials);
  EXPECT_NE(credentials.error().message.find("/nonexistent/creds.yaml"), std::string::npos);
}

}  // namespace
}  // namespace etguard::iot::probe
