#include "checks/ai/chatbot_scope/check.h"

#include <gtest/gtest.h>

#include "checks/ai/chatbot_test_support.h"

namespace etguard::ai_checks::chatbot_scope {
namespace {

namespace cb = etguard::chatbot;

TEST(AiChatbotScope, AProbeNotSentIsAnErrorAndAdviceFails) {
  cb::ProbeRun run = testing::mixed_run();
  AiEvidence evidence;
  evidence.chatbot = &run;
  const auto unsent = evaluate(evidence);
  ASSERT_TRUE(unsent.has_value());
  EXPECT_EQ(unsent->verdict, check::Verdict::kError);
  EXPECT_EQ(unsent->reasons[0].code, "CHATBOT_PROBE_ERROR");
  run.results.back().judgement.verdict = cb::ProbeVerdict::kFail;
  EXPECT_EQ(evaluate(evidence)->verdict, check::Verdict::kFail);
  run.results.back().judgement.verdict = cb::ProbeVerdict::kPass;
  EXPECT_EQ(evaluate(evidence)->verdict, check::Verdict::kPass);
}

}  // namespace
}  // namespace etguard::ai_checks::chatbot_scope
