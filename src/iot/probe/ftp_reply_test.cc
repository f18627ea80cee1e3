#include "iot/probe/ftp_reply.h"

#include <gtest/gtest.h>

namespace etguard::iot::probe {
namespace {

TEST(FtpReply, ALastLineEndsTheReplyWithItsCode) {
  const auto reply = ftp_reply_end("230 Login successful.");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->code, 230);
  EXPECT_EQ(reply->text, "230 Login successful.");
  EXPECT_EQ(ftp_reply_end("530")->code, 530);
}

TEST(FtpReply, ContinuationsAndTextDoNotEndIt) {
  EXPECT_FALSE(ftp_reply_end("230-Welcome to the recorder"));
  EXPECT_FALSE(ftp_reply_end(" 230 indented text"));
  EXPECT_FALSE(ftp_reply_end("23"));
  EXPECT_FALSE(ftp_reply_end(""));
  EXPECT_FALSE(ftp_reply_end("2x0 nonsense"));
  EXPECT_FALSE(ftp_reply_end("999 not a reply code"));
  EXPECT_FALSE(ftp_reply_end("2300 four digits"));
}

TEST(FtpReply, ALongLineIsCutTo80Bytes) {
  const auto reply = ftp_reply_end("220 " + std::string(500, 'x'));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->text.size(), 80U);
}

}  // namespace
}  // namespace etguard::iot::probe
