#include "checks/ai/genai_prompts/check.h"

#include <gtest/gtest.h>

namespace etguard::ai_checks::genai_prompts {
namespace {

namespace pii = etguard::pii;

void sent(pii::GenaiSummary& summary, const std::string& user, const std::string& type,
          bool on_premises) {
  for (pii::GenaiTally* tally :
       {&summary.total, on_premises ? &summary.on_premises : &summary.external,
        &summary.by_user[user]}) {
    ++tally->prompts;
    ++tally->findings;
    tally->external += on_premises ? 0 : 1;
    ++tally->by_type[type];
  }
}

pii::GenaiSummary scanned() {
  pii::GenaiSummary summary;
  summary.paths = {"gateway.jsonl"};
  summary.records = 1000;
  summary.prompts = 990;
  return summary;
}

TEST(AiGenaiPrompts, FailsWhenSensitiveDataReachedAnExternalModel) {
  pii::GenaiSummary summary = scanned();
  sent(summary, "bob", "TW_NATIONAL_ID", false);
  sent(summary, "alice", "API_KEY", false);
  sent(summary, "alice", "TW_NATIONAL_ID", false);
  sent(summary, "dave", "CLASSIFICATION_LABEL", true);
  const check::Assessment assessment = judge(summary);
  EXPECT_EQ(assessment.verdict, check::Verdict::kFail);
  ASSERT_EQ(assessment.reasons.size(), 2U);
  EXPECT_EQ(assessment.reasons[0].code, "GENAI_SENSITIVE_SENT");
  EXPECT_EQ(assessment.reasons[0].en,
            "3 prompts sent sensitive data to external models (API_KEY 1, TW_NATIONAL_ID 2); "
            "most by alice (2), bob (1)");
  EXPECT_FALSE(assessment.reasons[0].warning);
  EXPECT_EQ(assessment.reasons[1].code, "GENAI_SENSITIVE_ON_PREMISES");
  EXPECT_TRUE(assessment.reasons[1].warning);
  EXPECT_EQ(assessment.evidence["external"]["findings"], 3);
  EXPECT_EQ(assessment.evidence["on_premises"]["by_type"]["CLASSIFICATION_LABEL"], 1);
  EXPECT_EQ(assessment.evidence["top_external_senders"]["alice"], 2);
  EXPECT_FALSE(assessment.evidence["top_external_senders"].contains("dave"));
}

TEST(AiGenaiPrompts, OnPremisesAloneIsAWarningNotAFailure) {
  pii::GenaiSummary summary = scanned();
  sent(summary, "dave", "TW_MOBILE", true);
  const check::Assessment assessment = judge(summary);
  EXPECT_EQ(assessment.verdict, check::Verdict::kPass);
  ASSERT_EQ(assessment.reasons.size(), 1U);
  EXPECT_TRUE(assessment.reasons[0].warning);
}

TEST(AiGenaiPrompts, CleanLogPassesAndUnreadLinesAreNamed) {
  pii::GenaiSummary summary = scanned();
  EXPECT_EQ(judge(summary).verdict, check::Verdict::kPass);
  EXPECT_TRUE(judge(summary).reasons.empty());
  summary.bad_records = 7;
  const check::Assessment assessment = judge(summary);
  EXPECT_EQ(assessment.verdict, check::Verdict::kPass);
  ASSERT_EQ(assessment.reasons.size(), 1U);
  EXPECT_EQ(assessment.reasons[0].code, "GENAI_RECORDS_UNREAD");
  EXPECT_FALSE(evaluate(AiEvidence{}).has_value());
  summary.unreadable = {"old.jsonl.gz: not in gzip format"};
  EXPECT_EQ(judge(summary).verdict, check::Verdict::kError);
}

}  // namespace
}  // namespace etguard::ai_checks::genai_prompts
