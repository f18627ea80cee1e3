#include "catalog/search.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "catalog/data/embedded.h"

namespace etguard::catalog {
namespace {

std::vector<std::string_view> found(std::string_view query, std::size_t limit = 50) {
  std::vector<std::string_view> ids;
  for (const SearchHit& hit : search(embedded_catalog(), query, limit)) {
    ids.push_back(hit.node->id);
  }
  return ids;
}

TEST(Search, ChineseEnglishAndAbbreviationFindTheMfaClauses) {
  const std::vector<std::string_view> mfa{"ET-8.2.1", "ET-8.2.3"};
  EXPECT_EQ(found("多因子"), mfa);
  EXPECT_EQ(found("MFA"), mfa);
  EXPECT_EQ(found("mfa"), mfa);
  EXPECT_EQ(found("multi-factor"), mfa);
  EXPECT_EQ(found("multi-factor authentication"), mfa);
}

// Issue 17: the short forms people type find the defined terms.
TEST(Search, ShortFormsFindDeepfakeAndGenerativeAi) {
  const auto deepfake = found("深偽");
  EXPECT_NE(std::ranges::find(deepfake, "ET-38"), deepfake.end());
  EXPECT_NE(std::ranges::find(deepfake, "ET-41"), deepfake.end());
  const auto generative = found("生成式AI");
  EXPECT_NE(std::ranges::find(generative, "ET-42.2"), generative.end());
  EXPECT_NE(std::ranges::find(generative, "ET-53.2"), generative.end());
}

TEST(Search, FiveYearsFindsTheRetentionClauseOfArticle37) {
  const auto ids = found("五年");
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids.front(), "ET-37.1");
}

TEST(Search, AllWordsMustMatch) {
  const auto both = found("audit trail cloud");
  EXPECT_FALSE(both.empty());
  for (std::string_view id : both) {
    const Node* node = embedded_catalog().node(id);
    const bool mentions_trail = node->text.en.find("audit trail") != std::string_view::npos ||
                                node->heading.en.find("Audit trail") != std::string_view::npos ||
                                node->text.zh.find("稽核軌跡") != std::string_view::npos;
    EXPECT_TRUE(mentions_trail) << id;
  }
  EXPECT_TRUE(found("deepfake zzzz-nothing").empty());
}

TEST(Search, RanksAnExactIdFirstAndHonoursTheLimit) {
  EXPECT_EQ(found("ET-36.5").front(), "ET-36.5");
  EXPECT_EQ(found("shall", 5).size(), 5U);
  EXPECT_TRUE(found("").empty());
  EXPECT_TRUE(found("   ").empty());
}

TEST(Search, WordStartMatchingAvoidsMatchesInsideWords) {
  // "AI" must not match inside "maintain" or "detail".
  const auto ai = found("AI");
  ASSERT_FALSE(ai.empty());
  for (std::string_view id : ai) {
    EXPECT_GE(embedded_catalog().node(id)->article, 42) << id;
  }
}

}  // namespace
}  // namespace etguard::catalog
