#include "iot/probe/http_auth.h"

#include <gtest/gtest.h>

namespace etguard::iot::probe {
namespace {

std::string field(const std::string& authorization, const std::string& name) {
  const auto challenges = parse_challenges(authorization);
  return challenges.empty() ? std::string() : std::string(challenges.front().param(name));
}

TEST(AuthChallenges, ReadsSeveralChallengesOfOneField) {
  const auto challenges = parse_challenges(
      R"(Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256,)"
      R"( nonce="7ypf", opaque="FQhe", Basic realm="cam \"2\"", Negotiate YII==)");
  ASSERT_EQ(challenges.size(), 3U);
  EXPECT_EQ(challenges[0].scheme, "digest");
  EXPECT_EQ(challenges[0].param("qop"), "auth, auth-int");
  EXPECT_EQ(challenges[0].param("algorithm"), "SHA-256");
  EXPECT_EQ(challenges[0].param("opaque"), "FQhe");
  EXPECT_EQ(challenges[1].scheme, "basic");
  EXPECT_EQ(challenges[1].param("realm"), R"(cam "2")");
  EXPECT_EQ(challenges[2].scheme, "negotiate");
  EXPECT_EQ(challenges[2].param(""), "YII==");
}

TEST(AuthChallenges, NamesAreCaseInsensitiveAndSpacesAroundEqualsAllowed) {
  const auto challenges = parse_challenges("DIGEST Realm = \"x\" ,NONCE=abc");
  ASSERT_EQ(challenges.size(), 1U);
  EXPECT_EQ(challenges[0].scheme, "digest");
  EXPECT_EQ(challenges[0].param("realm"), "x");
  EXPECT_EQ(challenges[0].param("nonce"), "abc");
}

TEST(AuthChallenges, StopsAtAMalformedElementKeepingWhatCameBefore) {
  EXPECT_EQ(parse_challenges(R"(Basic realm="cam", Digest realm="unterminated)").size(), 2U);
  EXPECT_EQ(parse_challenges(R"(Basic realm="cam", Digest realm="unterminated)")[1].param("realm"),
            "");
  EXPECT_TRUE(parse_challenges(R"(realm="no scheme")").empty());
  EXPECT_TRUE(parse_challenges("").empty());
  EXPECT_TRUE(parse_challenges("\"quoted\"").empty());
}

// RFC 7616 section 3.9.1: the same request answered with SHA-256 and MD5.
TEST(DigestAuthorization, AnswersRfc7616sExample) {
  const DigestRequest request{.method = "GET",
                              .uri = "/dir/index.html",
                              .user = "Mufasa",
                              .password = "Circle of Life",
                              .cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"};
  const std::string challenge =
      R"(realm="http-auth@example.org", qop="auth, auth-int", nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS")";
  const auto sha256 = digest_authorization(
      parse_challenges("Digest " + challenge + ", algorithm=SHA-256")[0], request);
  ASSERT_TRUE(sha256) << sha256.error();
  EXPECT_EQ(field(*sha256, "response"),
            "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
  EXPECT_EQ(field(*sha256, "qop"), "auth");
  EXPECT_EQ(field(*sha256, "nc"), "00000001");
  EXPECT_EQ(field(*sha256, "algorithm"), "SHA-256");
  EXPECT_EQ(field(*sha256, "opaque"), "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS");
  const auto md5 =
      digest_authorization(parse_challenges("Digest " + challenge + ", algorithm=MD5")[0], request);
  ASSERT_TRUE(md5) << md5.error();
  EXPECT_EQ(field(*md5, "response"), "8ca523f5e9506fed4657c9700eebdbec");
  EXPECT_EQ(field(*md5, "username"), "Mufasa");
  EXPECT_EQ(field(*md5, "uri"), "/dir/index.html");
}

// RFC 2617 section 3.5, whose challenge names no algorithm (MD5).
TEST(DigestAuthorization, AnswersRfc2617sExample) {
  const auto challenge = parse_challenges(
      R"(Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41")");
  const auto answer = digest_authorization(challenge[0], {.method = "GET",
                                                          .uri = "/dir/index.html",
                                                          .user = "Mufasa",
                                                          .password = "Circle Of Life",
                                                          .cnonce = "0a4f113b"});
  ASSERT_TRUE(answer) << answer.error();
  EXPECT_EQ(field(*answer, "response"), "6629fae49393a05397450978507c4ef1");
  EXPECT_EQ(field(*answer, "algorithm"), "");
}

TEST(DigestAuthorization, AnswersWithoutQopWhenNoneIsOffered) {
  const auto challenge = parse_challenges(R"(Digest realm="r", nonce="n")");
  const auto answer = digest_authorization(
      challenge[0],
      {.method = "DESCRIBE", .uri = "rtsp://cam/", .user = "u", .password = "p", .cnonce = "c"});
  ASSERT_TRUE(answer);
  EXPECT_EQ(field(*answer, "qop"), "");
  EXPECT_EQ(field(*answer, "cnonce"), "");
  EXPECT_EQ(field(*answer, "response").size(), 32U);
  const auto again = digest_authorization(
      challenge[0],
      {.method = "DESCRIBE", .uri = "rtsp://cam/", .user = "u", .password = "q", .cnonce = "c"});
  EXPECT_NE(field(*again, "response"), field(*answer, "response"));
}

TEST(DigestAuthorization, SessionAlgorithmsHashTheClientNonceIn) {
  const auto challenge =
      parse_challenges(R"(Digest realm="r", nonce="n", qop=auth, algorithm=MD5-sess)");
  const auto one = digest_authorization(
      challenge[0], {.method = "GET", .uri = "/", .user = "u", .password = "p", .cnonce = "c1"});
  const auto plain = digest_authorization(
      parse_challenges(R"(Digest realm="r", nonce="n", qop=auth)")[0],
      {.method = "GET", .uri = "/", .user = "u", .password = "p", .cnonce = "c1"});
  ASSERT_TRUE(one && plain);
  EXPECT_NE(field(*one, "response"), field(*plain, "response"));
  EXPECT_EQ(field(*one, "algorithm"), "MD5-sess");
}

TEST(DigestAuthorization, QuotesWhatItEchoes) {
  const auto challenge = parse_challenges(R"(Digest realm="a \"b\"", nonce="n")");
  const auto answer = digest_authorization(
      challenge[0],
      {.method = "GET", .uri = "/", .user = R"(ad"min)", .password = "p", .cnonce = "c"});
  ASSERT_TRUE(answer);
  EXPECT_EQ(field(*answer, "username"), R"(ad"min)");
  EXPECT_EQ(field(*answer, "realm"), R"(a "b")");
}

TEST(DigestAuthorization, RefusesWhatItCannotAnswerWithoutShowingTheCredential) {
  const DigestRequest request{
      .method = "GET", .uri = "/", .user = "admin", .password = "s3cret", .cnonce = "c"};
  for (const char* challenge :
       {R"(Digest realm="r")", R"(Digest realm="r", nonce="n", qop="auth-int")",
        R"(Digest realm="r", nonce="n", algorithm=SHA-512-256)",
        R"(Digest realm="r", nonce="n", userhash=true)"}) {
    const auto answer = digest_authorization(parse_challenges(challenge)[0], request);
    ASSERT_FALSE(answer) << challenge;
    EXPECT_EQ(answer.error().find("s3cret"), std::string::npos);
  }
}

TEST(DigestAuthorization, ClientNoncesAreRandomHex) {
  const std::string one = new_cnonce();
  EXPECT_EQ(one.size(), 32U);
  EXPECT_EQ(one.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(one, new_cnonce());
}

TEST(Authorization, BasicIsRfc7617sExample) {
  EXPECT_EQ(basic_authorization("Aladdin", "open sesame"), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
}

TEST(Authorization, ADigestAnswerNeedsA401WithADigestChallengeAndMakesItsOwnClientNonce) {
  const DigestRequest request{.method = "GET", .uri = "/", .user = "admin", .password = "p"};
  const auto digest = parse_challenges(R"(Basic realm="r", Digest realm="r", nonce="n", qop=auth)");
  const auto answer = answer_digest(401, digest, request);
  ASSERT_TRUE(answer) << answer.error();
  EXPECT_EQ(field(*answer, "cnonce").size(), 32U);
  EXPECT_EQ(field(*answer, "username"), "admin");
  EXPECT_EQ(answer_digest(200, digest, request).error(),
            "200 where a Digest challenge was expected");
  EXPECT_FALSE(answer_digest(401, parse_challenges(R"(Basic realm="r")"), request));
}

}  // namespace
}  // namespace etguard::iot::probe
