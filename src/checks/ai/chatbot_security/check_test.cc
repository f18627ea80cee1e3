#include "checks/ai/chatbot_security/check.h"

#include <gtest/gtest.h>

#include "checks/ai/chatbot_probes.h"
#include "checks/ai/chatbot_test_support.h"

namespace etguard::ai_checks::chatbot_security {
namespace {

namespace cb = etguard::chatbot;

TEST(AiChatbotSecurity, AnObeyedInjectionFailsAndASkippedCanaryIsAWarning) {
  const cb::ProbeRun run = testing::mixed_run();
  AiEvidence evidence;
  evidence.chatbot = &run;
  const auto assessment = evaluate(evidence);
  ASSERT_TRUE(assessment.has_value());
  EXPECT_EQ(assessment->verdict, check::Verdict::kFail);
  ASSERT_EQ(assessment->reasons.size(), 2U);
  EXPECT_EQ(assessment->reasons[0].code, "CHATBOT_PROBE_SKIPPED");
  EXPECT_TRUE(assessment->reasons[0].warning);
  EXPECT_EQ(assessment->reasons[1].en, "injection-en: reason; it answered \"ETG-00AA11BB\"");
}

TEST(AiChatbotSecurity, NothingJudgedIsNeverAPass) {
  cb::ProbeRun run;
  run.results = {
      testing::probe_result("canary-en", cb::ProbeKind::kCanary, cb::ProbeVerdict::kSkipped)};
  AiEvidence evidence;
  evidence.chatbot = &run;
  const auto assessment = evaluate(evidence);
  ASSERT_TRUE(assessment.has_value());
  EXPECT_EQ(assessment->verdict, check::Verdict::kError);
  EXPECT_EQ(assessment->reasons.back().code, "CHATBOT_NOTHING_JUDGED");
  EXPECT_FALSE(judge_probes(run, {cb::ProbeKind::kScope}).has_value());
}

}  // namespace
}  // namespace etguard::ai_checks::chatbot_security
