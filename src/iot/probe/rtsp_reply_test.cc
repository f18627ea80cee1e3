#include "iot/probe/rtsp_reply.h"

#include <gtest/gtest.h>

namespace etguard::iot::probe {
namespace {

TEST(RtspReply, ReadsTheStatusAndEveryChallenge) {
  const auto reply = parse_rtsp_reply(
      "RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\n"
      "WWW-Authenticate: Digest realm=\"IP Camera\", nonce=\"a1b2\"\r\n"
      "WWW-Authenticate: Basic realm=\"IP Camera\"\r\nContent-Length: 0\r\n\r\n");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 401U);
  ASSERT_EQ(reply->challenges.size(), 2U);
  EXPECT_EQ(reply->challenges[0].scheme, "digest");
  EXPECT_EQ(reply->challenges[0].param("nonce"), "a1b2");
  EXPECT_EQ(reply->challenges[1].scheme, "basic");
}

TEST(RtspReply, AHeaderOfABodyIsReadWithoutTheBody) {
  const auto reply = parse_rtsp_reply(
      "RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Type: application/sdp\r\nContent-Length: 460\r\n\r\n");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200U);
  EXPECT_TRUE(reply->challenges.empty());
}

TEST(RtspReply, RefusesWhatIsNotAnRtspReplyHeader) {
  EXPECT_FALSE(parse_rtsp_reply("HTTP/1.1 200 OK\r\n\r\n"));
  EXPECT_FALSE(parse_rtsp_reply("RTSP/2.0 200 OK\r\n\r\n"));
  EXPECT_FALSE(parse_rtsp_reply("RTSP/1.0 200 OK\r\nCSeq: 1\r\n"));  // no empty line
  EXPECT_FALSE(parse_rtsp_reply("RTSP/1.0 2000 OK\r\n\r\n"));
  EXPECT_FALSE(parse_rtsp_reply("RTSP/1.0 041 Unauthorized\r\n\r\n"));
  EXPECT_FALSE(parse_rtsp_reply("RTSP/1.0 200 OK\r\nno colon here\r\n\r\n"));
  EXPECT_FALSE(parse_rtsp_reply(""));
}

}  // namespace
}  // namespace etguard::iot::probe
