#include "checks/pii/sensitive_data/check.h"

#include <gtest/gtest.h>

namespace etguard::pii_checks::sensitive_data {
namespace {

pii::ScanSummary scanned(std::uint64_t findings) {
  pii::ScanSummary summary;
  summary.paths = {"logs"};
  summary.files = 2;
  summary.bytes = 1000;
  summary.findings = findings;
  if (findings > 0) {
    summary.by_type["TW_NATIONAL_ID"] = findings;
    summary.by_file["app.log"]["TW_NATIONAL_ID"] = findings;
  }
  return summary;
}

TEST(PiiSensitiveData, PassesWhenNothingIsFound) {
  const check::Assessment assessment = evaluate(scanned(0));
  EXPECT_EQ(assessment.verdict, check::Verdict::kPass);
  EXPECT_TRUE(assessment.reasons.empty());
  EXPECT_EQ(assessment.evidence["files"], 2);
}

TEST(PiiSensitiveData, FailsWithTheCountsByType) {
  const check::Assessment assessment = evaluate(scanned(3));
  EXPECT_EQ(assessment.verdict, check::Verdict::kFail);
  ASSERT_EQ(assessment.reasons.size(), 1U);
  EXPECT_EQ(assessment.reasons[0].code, "PII_FOUND");
  EXPECT_NE(assessment.reasons[0].en.find("TW_NATIONAL_ID 3"), std::string::npos);
  EXPECT_EQ(assessment.evidence["by_type"]["TW_NATIONAL_ID"], 3);
}

TEST(PiiSensitiveData, AnUnreadableInputIsNeverAPass) {
  pii::ScanSummary summary = scanned(0);
  summary.unreadable.push_back("old.log.gz: gzip: unexpected end of file");
  const check::Assessment assessment = evaluate(summary);
  EXPECT_EQ(assessment.verdict, check::Verdict::kError);
  EXPECT_EQ(assessment.reasons[0].code, "PII_UNREADABLE");
}

TEST(PiiSensitiveData, NoInputIsAnError) {
  pii::ScanSummary summary;
  EXPECT_EQ(evaluate(summary).verdict, check::Verdict::kError);
}

}  // namespace
}  // namespace etguard::pii_checks::sensitive_data
