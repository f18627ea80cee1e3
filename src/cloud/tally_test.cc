#include "cloud/tally.h"

#include <gtest/gtest.h>

namespace etguard::cloud {
namespace {

PostureFinding finding(std::string_view check, PostureStatus status, std::string_view account,
                       std::string_view region, std::string_view resource, bool muted = false) {
  PostureFinding out;
  out.check_id = check;
  out.status = status;
  out.account = account;
  out.region = region;
  out.resource = resource;
  out.muted = muted;
  return out;
}

TEST(PostureTally, CountsPerServiceAndCheckAndKeepsWhatItCannotPlace) {
  PostureTally tally(std::vector<RegisteredService>{{.id = "trading", .accounts = {"111", "222"}},
                                                    {.id = "mail", .accounts = {"333"}}});
  tally.add(Tool::kProwler, finding("s3_bucket_default_encryption", PostureStatus::kPass, "111",
                                    "ap-east-2", "arn:a"));
  tally.add(Tool::kProwler, finding("s3_bucket_default_encryption", PostureStatus::kFail, "222",
                                    "ap-east-2", "arn:b", true));
  tally.add(Tool::kProwler,
            finding("iam_root_mfa_enabled", PostureStatus::kPass, "111", "global", "arn:root"));
  tally.add(Tool::kProwler, finding("made_up", PostureStatus::kManual, "333", "", "x"));
  tally.add(Tool::kProwler,
            finding("s3_bucket_default_encryption", PostureStatus::kFail, "999", "eu", "y"));

  EXPECT_EQ(tally.findings(), 5U);
  const ServiceTally& trading = tally.per_service()[0];
  EXPECT_EQ(trading.findings, 3U);
  const CheckTally& s3 = trading.checks.at("s3_bucket_default_encryption");
  EXPECT_EQ(s3.passed, 1U);
  EXPECT_EQ(s3.failed, 1U);
  EXPECT_EQ(s3.muted, 1U);
  EXPECT_EQ(s3.failing, std::vector<std::string>{"arn:b"});
  ASSERT_NE(s3.mapping, nullptr);
  EXPECT_EQ(trading.regions.size(), 1U);  // "global" names no place
  EXPECT_EQ(trading.regions.at("ap-east-2").findings, 2U);
  EXPECT_EQ(trading.accounts.at("222"), 1U);

  EXPECT_EQ(tally.per_service()[1].checks.at("made_up").manual, 1U);
  EXPECT_EQ(tally.unmapped().at("made_up"), 1U);
  EXPECT_EQ(tally.unassigned().at("999"), 1U);
}

TEST(PostureTally, ListsOnlyTheFirstResources) {
  PostureTally tally(std::vector<RegisteredService>{{.id = "trading", .accounts = {"111"}}});
  std::vector<std::string> names;
  for (int i = 0; i < 25; ++i) {
    names.push_back("arn:" + std::to_string(i));
  }
  for (const std::string& name : names) {
    tally.add(Tool::kProwler,
              finding("s3_bucket_default_encryption", PostureStatus::kFail, "111", "r", name));
  }
  const CheckTally& counts = tally.per_service()[0].checks.at("s3_bucket_default_encryption");
  EXPECT_EQ(counts.failed, 25U);
  EXPECT_EQ(counts.failing.size(), kListedResources);
  EXPECT_EQ(tally.per_service()[0].regions.at("r").resources.size(), kListedResources);
}

}  // namespace
}  // namespace etguard::cloud
