#include "mail/mail.h"

#include <gtest/gtest.h>

namespace etguard::mail {
namespace {

TEST(MailTest, OnlyOneMailboxIsAnAddress) {
  EXPECT_TRUE(is_address("mei@firm.example"));
  for (const std::string_view bad :
       {"", "mei", "@firm.example", "mei@", "a@b@c", "mei@firm.example\r\nBcc: x@y",
        "Mei <mei@firm.example>", "a@b,c@d", "mei @firm.example"}) {
    EXPECT_FALSE(is_address(bad)) << bad;
  }
}

TEST(MailTest, ComposesHeadersThatCannotBeInjectedAndABase64Body) {
  const Relay relay{.host = "relay",
                    .port = 587,
                    .implicit_tls = false,
                    .username = {},
                    .password = {},
                    .ca_file = {},
                    .from = "etguard@firm.example"};
  const std::string text = compose(
      relay, {.to = "mei@firm.example", .subject = "提醒 reminder", .body = "第一行\nline 2"},
      "Thu, 03 Dec 2026 07:00:00 +0000");
  EXPECT_NE(text.find("Subject: =?UTF-8?B?5o+Q6YaSIHJlbWluZGVy?=\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find("To: <mei@firm.example>\r\n"), std::string::npos);
  EXPECT_NE(text.find("Content-Transfer-Encoding: base64\r\n"), std::string::npos);
  // "第一行\r\nline 2" in base64: CR LF line ends on the wire.
  EXPECT_NE(text.find("\r\n\r\n56ys5LiA6KGMDQpsaW5lIDI=\r\n"), std::string::npos) << text;
}

TEST(MailTest, RefusesAnAddressThatWouldAddARecipient) {
  SmtpSender sender({.host = "127.0.0.1",
                     .port = 9,
                     .implicit_tls = false,
                     .username = {},
                     .password = {},
                     .ca_file = {},
                     .from = "etguard@firm.example"});
  const Status sent = sender.send({.to = "a@b>\r\nRCPT TO:<c@d", .subject = "x", .body = "y"});
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().kind, ErrorKind::kUsage);
}

}  // namespace
}  // namespace etguard::mail
