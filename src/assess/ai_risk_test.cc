#include "assess/ai_risk.h"

#include <gtest/gtest.h>

namespace etguard::assess {
namespace {

RiskModel defaults() {
  auto model = parse_risk_model("<built-in>", std::string(default_risk_model_yaml()));
  EXPECT_TRUE(model.has_value()) << model.error().message;
  return *model;
}

RegisterEntry system(std::map<std::string, bool> facts, std::map<std::string, std::string> details,
                     std::map<std::string, std::string> dates = {}) {
  RegisterEntry entry;
  entry.subject = "ai";
  entry.id = "robo";
  entry.name = "智能理財";
  entry.facts = std::move(facts);
  entry.details = std::move(details);
  entry.dates = std::move(dates);
  return entry;
}

int points_of(const AiRisk& risk, std::string_view factor) {
  for (const FactorScore& score : risk.factors) {
    if (score.factor->id == factor) {
      return score.points;
    }
  }
  return -1;
}

TEST(AiRisk, EveryFactorContributesAndTheSumPicksTheTier) {
  const RiskModel model = defaults();
  EXPECT_EQ(model.max_score(), 21);
  // A customer-facing robo-adviser: 3 + 0 + 3 + 2 + 2 + 2 + 2 = 14, high.
  const AiRisk robo = assess_ai_risk(model, system({{"customer_facing", true}, {"used", true}},
                                                   {{"risk_personal_data", "high"},
                                                    {"risk_autonomy", "human_on_exception"},
                                                    {"risk_complexity", "machine_learning"},
                                                    {"risk_stakeholders", "many_customers"},
                                                    {"risk_remedy", "partial"}},
                                                   {{"last_review", "2026-08-31"}}));
  EXPECT_EQ(robo.score, 14);
  ASSERT_NE(robo.tier, nullptr);
  EXPECT_EQ(robo.tier->id, "high");
  EXPECT_TRUE(robo.tier->independent_review);
  EXPECT_EQ(points_of(robo, "customer_service"), 3);
  EXPECT_EQ(points_of(robo, "material_impact"), 0);
  EXPECT_EQ(points_of(robo, "remedy"), 2);
  EXPECT_TRUE(robo.customer_facing);
  EXPECT_EQ(robo.next_review, "2027-02-28");  // six months on, the day kept in the month
  // An internal rules engine with a human deciding: 0 + 3 + 1 + 0 + 0 + 0 + 0 = 4, low.
  const AiRisk rules = assess_ai_risk(model, system({{"material_impact", true}},
                                                    {{"risk_personal_data", "low"},
                                                     {"risk_autonomy", "human_decides"},
                                                     {"risk_complexity", "rules"},
                                                     {"risk_stakeholders", "internal_only"},
                                                     {"risk_remedy", "complete"}},
                                                    {{"last_review", "2026-01-15"}}));
  EXPECT_EQ(rules.score, 4);
  EXPECT_EQ(rules.tier->id, "low");
  EXPECT_EQ(rules.next_review, "2028-01-15");
  EXPECT_FALSE(rules.customer_facing);
}

TEST(AiRisk, WhatNobodyRecordedCountsAtItsWorst) {
  const RiskModel model = defaults();
  const AiRisk risk = assess_ai_risk(model, system({}, {{"risk_autonomy", "sometimes"}}));
  EXPECT_EQ(risk.score, 15);  // five levels at 3, two facts false
  EXPECT_EQ(risk.tier->id, "high");
  int unrecorded = 0;
  for (const FactorScore& score : risk.factors) {
    unrecorded += score.recorded ? 0 : 1;
    if (score.factor->id == "autonomy") {
      EXPECT_EQ(score.problem,
                "'sometimes' is not one of human_decides, human_reviews_each, "
                "human_on_exception, fully_automatic");
    }
  }
  EXPECT_EQ(unrecorded, 4);
  EXPECT_TRUE(risk.next_review.empty());
}

TEST(AiRisk, ModelMistakesAreLocated) {
  auto both = parse_risk_model("m.yaml",
                               "factors:\n  - {id: a, zh: 甲, en: A, fact: x, detail: y}\n"
                               "tiers:\n  - {id: t, zh: 乙, en: T, min_score: 0}\n");
  ASSERT_FALSE(both.has_value());
  EXPECT_NE(both.error().message.find("m.yaml:2:5"), std::string::npos) << both.error().message;
  auto order = parse_risk_model("m.yaml",
                                "factors: []\ntiers:\n  - {id: a, zh: 甲, en: A, min_score: 3}\n"
                                "  - {id: b, zh: 乙, en: B, min_score: 5}\n");
  ASSERT_FALSE(order.has_value());
  EXPECT_NE(order.error().message.find("highest min_score down"), std::string::npos);
  EXPECT_NE(order.error().message.find("min_score 0"), std::string::npos);
  auto unknown = parse_risk_model("m.yaml", "factors: []\ntiers: []\nweights: 1\n");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().message.find("m.yaml:3:1: unknown-key"), std::string::npos)
      << unknown.error().message;
}

}  // namespace
}  // namespace etguard::assess
