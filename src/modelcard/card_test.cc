#include "modelcard/card.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace etguard::modelcard {
namespace {

const std::string kComplete = R"(format: etguard.model_card
format_version: "1.0"
system: robo
model: {name: m, version: 2.0.0, type: trees, developed_by: in_house}
intended_use: portfolios
out_of_scope: stock picks
data:
  - {name: kyc, source: questionnaires, period: 2019-2025, personal_data: true}
training: {date: 2025-08-01, algorithm: trees}
evaluation: {date: 2025-08-20, metrics: {auc: 0.81}}
limitations: new customers
changes:
  - {date: 2024-03-10, version: 1.0.0, what: first, approved_by: committee}
  - {date: 2025-08-20, version: 2.0.0, what: retrained, approved_by: committee}
documents:
  - {name: design, location: design.pdf}
reviewed: 2026-05-20
)";

bool has_gap(const Reading& reading, std::string_view field) {
  return std::ranges::any_of(reading.gaps, [&](const Gap& gap) { return gap.field == field; });
}

TEST(ModelCard, ACompleteCardHasNoGaps) {
  auto reading = parse_card("card.yaml", kComplete);
  ASSERT_TRUE(reading.has_value()) << reading.error().message;
  EXPECT_TRUE(reading->gaps.empty()) << reading->gaps.front().en;
  EXPECT_EQ(reading->card.system, "robo");
  EXPECT_EQ(reading->card.evaluation_metrics, "auc: 0.81");
  EXPECT_EQ(reading->card.changes.size(), 2U);
  EXPECT_TRUE(reading->card.data[0].personal_data);
}

TEST(ModelCard, WhatACardLacksIsListed) {
  std::string text = kComplete;
  text.replace(text.find("limitations: new customers\n"), 27, "");
  text.replace(text.find(", approved_by: committee}\ndocuments"), 25, "}");
  text.replace(text.find("version: 2.0.0, type"), 14, "version: 2.1.0");
  auto reading = parse_card("card.yaml", text);
  ASSERT_TRUE(reading.has_value()) << reading.error().message;
  EXPECT_TRUE(has_gap(*reading, "limitations"));
  EXPECT_TRUE(has_gap(*reading, "changes"));
  const auto version = std::ranges::find_if(reading->gaps, [](const Gap& gap) {
    return gap.en.starts_with("the latest change is version");
  });
  ASSERT_NE(version, reading->gaps.end());
  EXPECT_EQ(version->en, "the latest change is version 2.0.0, the model is 2.1.0");
  auto bare =
      parse_card("card.yaml", "format: etguard.model_card\nformat_version: \"1.0\"\nsystem: x\n");
  ASSERT_TRUE(bare.has_value());
  EXPECT_GE(bare->gaps.size(), 10U);
}

TEST(ModelCard, MistakesAreLocated) {
  auto date = parse_card("card.yaml", kComplete + "training: {date: 2025-02-30}\n");
  ASSERT_FALSE(date.has_value());  // a key twice, and an impossible date
  auto order =
      parse_card("card.yaml",
                 "format: etguard.model_card\nformat_version: \"1.0\"\nsystem: x\nchanges:\n"
                 "  - {date: 2025-08-20, what: b}\n  - {date: 2024-01-01, what: a}\n");
  ASSERT_FALSE(order.has_value());
  EXPECT_NE(order.error().message.find("card.yaml:6:5: bad-value: changes go oldest first"),
            std::string::npos)
      << order.error().message;
  auto unknown = parse_card("card.yaml",
                            "format: etguard.model_card\nformat_version: \"1.0\"\n"
                            "system: x\nmodle: {}\n");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().message.find("card.yaml:4:1: unknown-key"), std::string::npos)
      << unknown.error().message;
  auto impossible = parse_card("card.yaml",
                               "format: etguard.model_card\nformat_version: "
                               "\"1.0\"\nsystem: x\nreviewed: 2026-02-30\n");
  ASSERT_FALSE(impossible.has_value());
  EXPECT_NE(impossible.error().message.find("'2026-02-30' is not a date"), std::string::npos);
}

TEST(ModelCard, TheDemoCardIsComplete) {
  auto reading =
      read_card(std::string(ETG_SOURCE_DIR) + "/examples/demo-firm/models/robo-advisor.card.yaml");
  ASSERT_TRUE(reading.has_value()) << reading.error().message;
  EXPECT_TRUE(reading->gaps.empty()) << reading->gaps.front().en;
}

}  // namespace
}  // namespace etguard::modelcard
