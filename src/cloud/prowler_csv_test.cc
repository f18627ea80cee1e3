// testdata/prowler-aws.csv holds the nine findings of prowler-aws.ocsf.json
// in the layout Prowler's CSV writer gives them (prowler/lib/outputs/csv/
// csv.py at commit 3e000faa: ';'-separated, every column, CRLF), with a
// quoted status text holding ';', quotes and a line break.
#include "cloud/prowler_csv.h"

#include <gtest/gtest.h>

#include <tuple>
#include <vector>

#include "cloud/json_document.h"
#include "cloud/test_input.h"

namespace etguard::cloud {
namespace {

using FindingRow = std::tuple<std::string, PostureStatus, bool, std::string, std::string,
                              std::string, std::string, std::string>;

PostureSink into(std::vector<FindingRow>& rows) {
  return [&rows](const PostureFinding& finding) -> Status {
    rows.emplace_back(finding.check_id, finding.status, finding.muted, finding.provider,
                      finding.account, finding.region, finding.resource, finding.title);
    return {};
  };
}

std::string csv_fixture(const char* name) {
  return std::string(ETG_CLOUD_TESTDATA) + "/" + name;
}

TEST(ProwlerCsv, ReadsTheSameFindingsAsTheOcsfOutputInAnyBlockSize) {
  std::vector<FindingRow> from_ocsf;
  ASSERT_TRUE(read_prowler_ocsf(csv_fixture("prowler-aws.ocsf.json"), into(from_ocsf)));
  ASSERT_EQ(from_ocsf.size(), 9U);
  ASSERT_TRUE(looks_like_prowler_csv(file_head(csv_fixture("prowler-aws.csv"))));
  EXPECT_FALSE(looks_like_prowler_csv(file_head(csv_fixture("prowler-aws.ocsf.json"))));
  for (const std::size_t block : {std::size_t{8} << 20U, std::size_t{7}, std::size_t{300}}) {
    std::vector<FindingRow> from_csv;
    const auto sha256 = read_prowler_csv(csv_fixture("prowler-aws.csv"), into(from_csv),
                                         {.largest = 1U << 20U, .block = block, .on_read = {}});
    ASSERT_TRUE(sha256) << sha256.error().message;
    EXPECT_EQ(sha256->size(), 64U);
    EXPECT_EQ(from_csv, from_ocsf) << "block " << block;
  }
}

std::string csv_refusal(const std::string& content) {
  return testing::refusal_of(content, [](const std::string& path) {
    std::vector<FindingRow> ignored;
    return read_prowler_csv(path, into(ignored));
  });
}

TEST(ProwlerCsvErrors, NamesTheLineAndProblem) {
  const std::string header = "ACCOUNT_UID;PROVIDER;CHECK_ID;STATUS;MUTED\r\n";
  EXPECT_NE(csv_refusal("ACCOUNT_UID;CHECK_ID;STATUS\n1;x;PASS\n")
                .find(":1: the header has no PROVIDER column"),
            std::string::npos);
  EXPECT_NE(csv_refusal(header + "1;aws;x;PASS;False\r\n1;aws;y;OK;False\r\n")
                .find(":3: STATUS 'OK' is none of PASS, FAIL, MANUAL"),
            std::string::npos);
  EXPECT_NE(csv_refusal(header + "1;aws;\"x\ny\";PASS;False\r\n1;aws;z\r\n")
                .find(":4: 3 fields, the header has 5"),
            std::string::npos);
  EXPECT_NE(csv_refusal(header + "1;aws;;PASS;False\r\n").find(":2: no CHECK_ID"),
            std::string::npos);
  EXPECT_NE(csv_refusal(header + "1;aws;\"x;PASS;False\r\n").find("quoted field is not closed"),
            std::string::npos);
  EXPECT_NE(csv_refusal("").find("no Prowler CSV header"), std::string::npos);
  EXPECT_EQ(csv_refusal(header), "accepted");  // a run without findings
}

}  // namespace
}  // namespace etguard::cloud
