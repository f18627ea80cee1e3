#include "checks/ai/model_documentation/check.h"

#include <gtest/gtest.h>

namespace etguard::ai_checks::model_documentation {
namespace {

modelcard::Reading reading() {
  modelcard::Reading read;
  read.card.source = "robo.card.yaml";
  read.card.system = "robo";
  read.card.reviewed = "2026-05-20";
  return read;
}

TEST(AiModelDocumentation, CompleteAndConfirmedSinceTheLastReviewPasses) {
  const modelcard::Reading card = reading();
  ModelCardReview review{&card, true, true, "2026-05-20"};
  AiEvidence evidence;
  evidence.model_card = &review;
  EXPECT_EQ(evaluate(evidence)->verdict, check::Verdict::kPass);
  review.last_review = "2026-06-01";
  const auto stale = evaluate(evidence);
  EXPECT_EQ(stale->verdict, check::Verdict::kFail);
  EXPECT_EQ(stale->reasons[0].en,
            "robo.card.yaml: confirmed 2026-05-20, before the system's last review 2026-06-01");
  EXPECT_FALSE(evaluate(AiEvidence{}).has_value());
}

TEST(AiModelDocumentation, GapsAndAnUnknownSystemFail) {
  modelcard::Reading card = reading();
  card.gaps.push_back({"limitations", "no known limitations", "缺少已知限制"});
  ModelCardReview review{&card, true, false, ""};
  AiEvidence evidence;
  evidence.model_card = &review;
  const auto assessment = evaluate(evidence);
  EXPECT_EQ(assessment->verdict, check::Verdict::kFail);
  ASSERT_EQ(assessment->reasons.size(), 2U);
  EXPECT_EQ(assessment->reasons[0].code, "AI_CARD_INCOMPLETE");
  EXPECT_EQ(assessment->reasons[1].code, "AI_CARD_NOT_IN_REGISTER");
  const modelcard::Reading clean = reading();
  ModelCardReview alone{&clean, false, false, ""};
  evidence.model_card = &alone;
  const auto unchecked = evaluate(evidence);
  EXPECT_EQ(unchecked->verdict, check::Verdict::kPass);
  EXPECT_TRUE(unchecked->reasons[0].warning);
}

}  // namespace
}  // namespace etguard::ai_checks::model_documentation
