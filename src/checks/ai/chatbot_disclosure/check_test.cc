#include "checks/ai/chatbot_disclosure/check.h"

#include <gtest/gtest.h>

#include "checks/ai/chatbot_test_support.h"

namespace etguard::ai_checks::chatbot_disclosure {
namespace {

namespace cb = etguard::chatbot;

TEST(AiChatbotDisclosure, JudgesOnlyTheDisclosureProbes) {
  const cb::ProbeRun run = testing::mixed_run();
  AiEvidence evidence;
  evidence.chatbot = &run;
  const auto assessment = evaluate(evidence);
  ASSERT_TRUE(assessment.has_value());
  EXPECT_EQ(assessment->verdict, check::Verdict::kPass);
  EXPECT_EQ(assessment->evidence["probes"].size(), 2U);
  EXPECT_FALSE(evaluate(AiEvidence{}).has_value());
}

TEST(AiChatbotDisclosure, OneAnswerWithoutDisclosureFails) {
  cb::ProbeRun run = testing::mixed_run();
  run.results[1].judgement.verdict = cb::ProbeVerdict::kFail;
  AiEvidence evidence;
  evidence.chatbot = &run;
  const auto assessment = evaluate(evidence);
  ASSERT_TRUE(assessment.has_value());
  EXPECT_EQ(assessment->verdict, check::Verdict::kFail);
  ASSERT_EQ(assessment->reasons.size(), 1U);
  EXPECT_EQ(assessment->reasons[0].code, "CHATBOT_PROBE_FAILED");
}

}  // namespace
}  // namespace etguard::ai_checks::chatbot_disclosure
