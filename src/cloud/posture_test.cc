#include "cloud/posture.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "cloud/mapping.h"

namespace etguard::cloud {
namespace {

struct Copied {
  std::string check_id;
  PostureStatus status;
  bool muted;
  std::string provider, account, region, resource;
};

Result<std::vector<Copied>> read_all(const std::string& path) {
  std::vector<Copied> out;
  auto read = read_prowler_ocsf(path, [&](const PostureFinding& finding) -> Status {
    out.push_back({std::string(finding.check_id), finding.status, finding.muted,
                   std::string(finding.provider), std::string(finding.account),
                   std::string(finding.region), std::string(finding.resource)});
    return {};
  });
  if (!read) {
    return std::unexpected(read.error());
  }
  return out;
}

std::string fixture() {
  return std::string(ETG_CLOUD_TESTDATA) + "/prowler-aws.ocsf.json";
}

TEST(ProwlerOcsf, ReadsEveryFindingOfProwlersArray) {
  const auto findings = read_all(fixture());
  ASSERT_TRUE(findings) << findings.error().message;
  ASSERT_EQ(findings->size(), 9U);
  const Copied& first = findings->front();
  EXPECT_EQ(first.check_id, "s3_bucket_default_encryption");
  EXPECT_EQ(first.status, PostureStatus::kPass);
  EXPECT_FALSE(first.muted);
  EXPECT_EQ(first.provider, "aws");
  EXPECT_EQ(first.account, "111122223333");
  EXPECT_EQ(first.region, "ap-east-2");
  EXPECT_EQ(first.resource, "arn:aws:s3:::trading-orders");
  EXPECT_EQ((*findings)[1].status, PostureStatus::kFail);
  EXPECT_EQ((*findings)[6].status, PostureStatus::kManual);
  EXPECT_TRUE((*findings)[7].muted);
}

class ProwlerOcsfErrors : public ::testing::Test {
 protected:
  std::string message(const std::string& content) {
    path_ = std::filesystem::temp_directory_path() /
            ("etg-prowler-" + std::to_string(::getpid()) + ".json");
    std::ofstream(path_, std::ios::binary) << content;
    const auto read = read_all(path_.string());
    return read ? std::string("accepted") : read.error().message;
  }
  void TearDown() override { std::filesystem::remove(path_); }

 private:
  std::filesystem::path path_;
};

TEST_F(ProwlerOcsfErrors, NamesTheFindingLineAndProblem) {
  EXPECT_NE(message("[\n{\"status_code\": \"PASS\"}]")
                .find(":2: (byte 2) finding 1: metadata.event_code is missing"),
            std::string::npos);
  EXPECT_NE(message("[{\"metadata\": {\"event_code\": \"x\"}, \"status_code\": \"OK\"}]")
                .find("finding 1: status_code 'OK' is none of PASS, FAIL, MANUAL"),
            std::string::npos);
  EXPECT_NE(message("[{\"metadata\": {\"event_code\": \"x\"}, \"status_code\": \"PASS\"},\n"
                    "{\"metadata\": {\"event_code\": tru}}]")
                .find(":2: (byte 59) finding 2: metadata.event_code is missing or not a string"),
            std::string::npos);
  EXPECT_NE(message("[{\"metadata\": {\"event_code\": \"x\"}, \"status_code\": \"PASS\","
                    " \"cloud\": {\"region\": \"a\\x\"}}]")
                .find("finding 1: not valid JSON"),
            std::string::npos);
}

TEST(CloudMapping, ProwlersMappingIsCompiledSortedAndFound) {
  const auto mapping = mapping_of(Tool::kProwler);
  ASSERT_GT(mapping.size(), 400U);
  EXPECT_TRUE(std::ranges::is_sorted(mapping, {}, &MappedCheck::check_id));
  const MappedCheck* encryption = mapped_check(Tool::kProwler, "s3_bucket_default_encryption");
  ASSERT_NE(encryption, nullptr);
  EXPECT_EQ(encryption->topic, Topic::kEncryption);
  EXPECT_EQ(encryption->clauses, "ET-8.1.1");
  EXPECT_FALSE(encryption->full);
  const MappedCheck* mfa = mapped_check(Tool::kProwler, "iam_root_mfa_enabled");
  ASSERT_NE(mfa, nullptr);
  EXPECT_EQ(mfa->topic, Topic::kAccess);
  EXPECT_EQ(mfa->clauses, "ET-8.2.3");
  EXPECT_EQ(mapped_check(Tool::kProwler, "account_maintain_current_contact_details"), nullptr);
}

}  // namespace
}  // namespace etguard::cloud
