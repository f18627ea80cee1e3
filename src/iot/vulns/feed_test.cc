#include "iot/vulns/feed.h"

#include <gtest/gtest.h>

namespace etguard::iot::vulns {
namespace {

std::string testdata(std::string_view name) {
  return std::string(ETG_SOURCE_DIR) + "/src/iot/testdata/vulns/" + std::string(name);
}

TEST(ReadFeeds, ReadsNvdVulnerableMatchesWithRangesAndSeverity) {
  auto feed = read_feeds({testdata("nvd.json")});
  ASSERT_TRUE(feed) << feed.error().message;
  ASSERT_EQ(feed->advisories.size(), 3U);
  const Advisory& hikvision = feed->advisories[0];
  EXPECT_EQ(hikvision.id, "CVE-2021-36260");
  EXPECT_EQ(hikvision.severity, "CRITICAL 9.8");
  EXPECT_EQ(hikvision.summary,
            "A command injection vulnerability in the web server of some Hikvision products.");
  EXPECT_TRUE(hikvision.source.ends_with("nvd.json: record 1"));
  ASSERT_EQ(hikvision.affected.size(), 1U);  // the hardware it runs on is not vulnerable
  EXPECT_EQ(hikvision.affected[0].vendor, "hikvision");
  EXPECT_EQ(hikvision.affected[0].product, "ds-2cd2032-i_firmware");
  ASSERT_EQ(hikvision.affected[0].ranges.size(), 1U);
  EXPECT_EQ(hikvision.affected[0].ranges[0].start, "");
  EXPECT_EQ(hikvision.affected[0].ranges[0].end, "5.5.0");
  EXPECT_FALSE(hikvision.affected[0].ranges[0].end_inclusive);

  const Advisory& yealink = feed->advisories[2];
  EXPECT_EQ(yealink.severity, "MEDIUM 5.0");
  EXPECT_EQ(yealink.affected[0].versions, std::vector<std::string>{"66.85.0.5"});
}

TEST(ReadFeeds, ReadsOsvRangesAndNotesWhatItCannotCompare) {
  auto feed = read_feeds({testdata("osv.json")});
  ASSERT_TRUE(feed) << feed.error().message;
  ASSERT_EQ(feed->advisories.size(), 2U);
  const Advisory& mosquitto = feed->advisories[0];
  EXPECT_EQ(mosquitto.id, "OSV-EXAMPLE-2021-0001");
  EXPECT_EQ(mosquitto.severity, "MODERATE");
  ASSERT_EQ(mosquitto.affected.size(), 1U);
  EXPECT_EQ(mosquitto.affected[0].vendor, "");
  EXPECT_EQ(mosquitto.affected[0].product, "mosquitto");
  ASSERT_EQ(mosquitto.affected[0].ranges.size(), 1U);
  EXPECT_EQ(mosquitto.affected[0].ranges[0].start, "");
  EXPECT_EQ(mosquitto.affected[0].ranges[0].end, "2.0.12");
  EXPECT_EQ(feed->advisories[1].affected[0].versions, std::vector<std::string>{"1.6.9"});
  ASSERT_EQ(feed->notes.size(), 1U);
  EXPECT_NE(feed->notes[0].find("GIT range is not compared"), std::string::npos);
}

TEST(ReadFeeds, OsvLastAffectedIsInclusiveAndAnOpenIntroductionIsKept) {
  Feed feed;
  ASSERT_TRUE(read_feed_text("one.json", R"({"id":"X-1","affected":[{"package":{"name":"Boa"},
      "ranges":[{"type":"SEMVER","events":[{"introduced":"1.0"},{"last_affected":"1.4"},
                                           {"introduced":"2.0"}]}]}]})",
                             feed));
  ASSERT_EQ(feed.advisories.size(), 1U);
  const auto& ranges = feed.advisories[0].affected[0].ranges;
  ASSERT_EQ(ranges.size(), 2U);
  EXPECT_EQ(ranges[0].start, "1.0");
  EXPECT_TRUE(ranges[0].end_inclusive);
  EXPECT_EQ(ranges[1].start, "2.0");
  EXPECT_EQ(ranges[1].end, "");
  EXPECT_EQ(feed.advisories[0].affected[0].product, "boa");
}

TEST(ReadFeeds, LocatesMalformedJson) {
  Feed feed;
  const Status read =
      read_feed_text("bad.json", "{\n  \"vulnerabilities\": [\n    {,}\n  ]\n}", feed);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().kind, ErrorKind::kInput);
  EXPECT_TRUE(read.error().message.starts_with("bad.json:3:6: not JSON")) << read.error().message;
}

TEST(ReadFeeds, ANumberBeyondRangeIsAnErrorNotACrash) {
  Feed feed;  // found by the fuzz target: nlohmann reports it as out_of_range, not parse_error
  const Status read = read_feed_text("big.json", R"({"vulnerabilities":[{"cve":{"id":"C",
      "metrics":{"cvssMetricV31":[{"cvssData":{"baseScore":5.5E999999}}]}}}]})",
                                     feed);
  ASSERT_FALSE(read);
  EXPECT_TRUE(read.error().message.starts_with("big.json: not JSON: ")) << read.error().message;
}

TEST(ReadFeeds, NamesTheRecordAndFieldOfAWrongShape) {
  Feed feed;
  Status read = read_feed_text(
      "x.json", R"({"vulnerabilities":[{"cve":{"id":"CVE-1"}},{"cve":{"id":7}}]})", feed);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().message,
            "x.json: record 2: \"id\" is not a string (neither OSV nor NVD CVE API 2.0)");
  read = read_feed_text("y.json", R"([{"id":"A","affected":[{"versions":["1"]}]}])", feed);
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().message.find("record 1: an affected entry has no \"package\""),
            std::string::npos);
  read = read_feed_text("v.json", R"({"vulnerabilities":[{"cve":{"id":"C","configurations":[
      {"nodes":[{"cpeMatch":[{"vulnerable":"yes","criteria":"cpe:/a:x:y"}]}]}]}}]})",
                        feed);  // found by the fuzz target: a string where true or false belongs
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().message.find("record 1: a cpeMatch's \"vulnerable\" is not true or false"),
            std::string::npos);
  read = read_feed_text("z.json", R"({"vulnerabilities":[{"cve":{"id":"C","configurations":[
      {"nodes":[{"cpeMatch":[{"vulnerable":true,"criteria":"hikvision camera"}]}]}]}}]})",
                        feed);
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().message.find("criteria 'hikvision camera' is not a CPE name"),
            std::string::npos);
}

TEST(ReadFeeds, DescriptionsAndScoresOfAnotherTypeAreLeftOut) {
  Feed feed;
  ASSERT_TRUE(read_feed_text("d.json", R"({"vulnerabilities":[{"cve":{"id":"C",
      "descriptions":[{"lang":"en","value":7},"text"],
      "metrics":{"cvssMetricV31":[{"cvssData":{"baseScore":"high"}}],"cvssMetricV2":[7]}}}]})",
                             feed));
  EXPECT_EQ(feed.advisories[0].summary, "");
  EXPECT_EQ(feed.advisories[0].severity, "");
}

TEST(ReadFeeds, AFileWithoutAdvisoriesIsAnError) {
  Feed feed;
  for (const char* text : {R"({"vulnerabilities":[]})", "[]", R"({"vulns":[]})"}) {
    const Status read = read_feed_text("empty.json", text, feed);
    ASSERT_FALSE(read) << text;
    EXPECT_EQ(read.error().message, "empty.json: no advisory in the file");
  }
  EXPECT_FALSE(read_feed_text("n.json", "42", feed));
  EXPECT_FALSE(read_feeds({testdata("absent.json")}));
}

}  // namespace
}  // namespace etguard::iot::vulns
