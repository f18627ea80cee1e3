#include "catalog/catalog.h"

#include <gtest/gtest.h>

#include <set>

#include "catalog/data/embedded.h"
#include "core/atomic_file.h"

namespace etguard::catalog {
namespace {

const Catalog& catalog() {
  return embedded_catalog();
}

std::vector<std::string_view> ids(const std::vector<const Node*>& nodes) {
  std::vector<std::string_view> out;
  out.reserve(nodes.size());
  for (const Node* node : nodes) {
    out.push_back(node->id);
  }
  return out;
}

TEST(EmbeddedCatalog, HasEightChaptersAnd54ArticlesInOrder) {
  ASSERT_EQ(catalog().chapters().size(), 8U);
  ASSERT_EQ(catalog().articles().size(), 54U);
  for (int number = 1; number <= 54; ++number) {
    EXPECT_EQ(catalog().articles()[static_cast<std::size_t>(number - 1)].number, number);
  }
  EXPECT_EQ(catalog().article(34)->chapter, 6);
  EXPECT_EQ(catalog().article(41)->title.zh, "深度偽造防範控管");
}

TEST(EmbeddedCatalog, NodeIdsAreUniqueAndFollowTheIdScheme) {
  std::set<std::string_view> seen;
  for (const Node* node : catalog().all_nodes()) {
    EXPECT_TRUE(seen.insert(node->id).second) << node->id;
    EXPECT_TRUE(node->id.starts_with("ET-" + std::to_string(node->article))) << node->id;
    EXPECT_FALSE(node->text.zh.empty()) << node->id;
    EXPECT_FALSE(node->text.en.empty()) << node->id;
  }
  EXPECT_EQ(seen.size(), 202U);
}

TEST(Locate, FindsNodesArticlesAndArticlesWithoutALead) {
  const auto find = [](std::string_view id) {
    return catalog().locate(id).value_or(Catalog::Located{});
  };
  const Catalog::Located node = find("ET-8.3.5");
  ASSERT_NE(node.node, nullptr);
  EXPECT_EQ(node.node->text.zh, "應避免雲端平台之稽核軌跡內容含有未加密之營運或客戶重要資料。");
  EXPECT_EQ(node.article->number, 8);
  EXPECT_NE(find("ET-8").node, nullptr);  // Article 8 has a lead paragraph
  const Catalog::Located no_lead = find("ET-2");
  ASSERT_NE(no_lead.article, nullptr);
  EXPECT_EQ(no_lead.node, nullptr);
  EXPECT_EQ(no_lead.article->number, 2);
  EXPECT_FALSE(catalog().locate("ET-8.9").has_value());
  EXPECT_FALSE(catalog().locate("ET-55").has_value());
}

TEST(Tree, ChildrenAndAncestorsFollowTheIds) {
  EXPECT_EQ(
      ids(catalog().children("ET-4.1.3")),
      (std::vector<std::string_view>{"ET-4.1.3.1", "ET-4.1.3.2", "ET-4.1.3.3", "ET-4.1.3.4"}));
  EXPECT_EQ(ids(catalog().children("ET-2")).size(), 6U);
  EXPECT_EQ(ids(catalog().ancestors(*catalog().node("ET-8.6.3.3"))),
            (std::vector<std::string_view>{"ET-8", "ET-8.6", "ET-8.6.3"}));
  EXPECT_TRUE(catalog().ancestors(*catalog().node("ET-4.1")).empty());
}

TEST(EffectiveConditions, InheritArticleAndParentConditions) {
  EXPECT_EQ(catalog().effective_conditions(*catalog().node("ET-8.7.1")),
            (std::vector<std::string_view>{"cloud.in_scope", "cloud.material"}));
  EXPECT_EQ(catalog().effective_conditions(*catalog().node("ET-8.6.3.3")),
            (std::vector<std::string_view>{"cloud.in_scope", "cloud.customer_data",
                                           "cloud.material_natural_person"}));
  EXPECT_EQ(catalog().effective_conditions(*catalog().node("ET-41")).size(), 0U);
  EXPECT_EQ(catalog().effective_unless(*catalog().node("ET-3.2")),
            (std::vector<std::string_view>{"cloud.in_scope"}));
}

TEST(ClosestIds, SuggestNeighboursOfAnUnknownId) {
  const auto closest = catalog().closest_ids("ET-8.9", 3);
  ASSERT_EQ(closest.size(), 3U);
  for (std::string_view id : closest) {
    EXPECT_TRUE(id.starts_with("ET-8.")) << id;
  }
}

TEST(Labels, MatchTheSourceAndTheEnglishConvention) {
  EXPECT_EQ(node_label(*catalog().node("ET-8.3"), Lang::kZhTw), "三、");
  EXPECT_EQ(node_label(*catalog().node("ET-8.3.5"), Lang::kZhTw), "(五)");
  EXPECT_EQ(node_label(*catalog().node("ET-4.1.3.2"), Lang::kZhTw), "2、");
  EXPECT_EQ(node_label(*catalog().node("ET-4.1.3.2"), Lang::kEn), "(ii)");
  EXPECT_EQ(node_label(*catalog().node("ET-8"), Lang::kEn), "");
  EXPECT_EQ(article_label(36, Lang::kZhTw), "第三十六條");
  EXPECT_EQ(chapter_label(6, Lang::kEn), "Chapter 6");
}

TEST(ObligationsAndMetadata, AreRecordedWhereTheTextSaysSo) {
  EXPECT_EQ(catalog().node("ET-8.3.3")->obligation, Obligation::kShould);  // 宜
  EXPECT_EQ(catalog().node("ET-3.2")->obligation, Obligation::kMay);       // 得
  EXPECT_EQ(catalog().node("ET-2.1")->obligation, Obligation::kInformative);
  EXPECT_EQ(catalog().node("ET-37.1")->retention_years, 5);
  const Node* daily = catalog().node("ET-36.7");
  ASSERT_EQ(daily->recurrence.size(), 1U);
  EXPECT_EQ(daily->recurrence[0], Recurrence::kDaily);
  EXPECT_EQ(catalog().node("ET-4.1.1")->recurrence[0], Recurrence::kAtLeastYearly);
  EXPECT_EQ(std::vector<std::string_view>(catalog().node("ET-30")->see.begin(),
                                          catalog().node("ET-30")->see.end()),
            (std::vector<std::string_view>{"ET-22", "ET-25", "ET-26", "ET-27", "ET-28", "ET-29"}));
  EXPECT_NE(catalog().node("ET-8.3.3")->note.en.find("潛在"), std::string_view::npos);  // the typo
}

TEST(Terms, AreLinkedToTheClausesThatUseThem) {
  const Term* mfa = catalog().term("multi-factor-authentication");
  ASSERT_NE(mfa, nullptr);
  EXPECT_EQ(std::vector<std::string_view>(mfa->used_in.begin(), mfa->used_in.end()),
            (std::vector<std::string_view>{"ET-8.2.1", "ET-8.2.3"}));
  const Term* deepfake = catalog().term("deepfake");
  EXPECT_EQ(deepfake->defined_by, "ET-38");
  EXPECT_EQ(catalog().terms_used_in(*catalog().node("ET-41")).front()->id, "deepfake");
}

TEST(ArticleText, JoinsNodesWithTheirLabels) {
  const std::string text = article_text(*catalog().article(39), Lang::kZhTw);
  EXPECT_TRUE(text.starts_with("一、 組織如提供電話交易服務")) << text;
  EXPECT_NE(text.find("\n二、 委託人以語音委託時"), std::string::npos);
  EXPECT_TRUE(
      article_text(*catalog().article(39), Lang::kEn).starts_with("1. Where the organization"));
}

}  // namespace
}  // namespace etguard::catalog

namespace etguard::catalog {
namespace {

TEST(InterpretationDoc, ListsEveryNodeWithANoteOrMixedWording) {
  const std::string doc =
      read_file(std::string(ETG_SOURCE_DIR) + "/docs/interpretation.md").value_or(std::string());
  ASSERT_FALSE(doc.empty());
  for (const Node* node : embedded_catalog().all_nodes()) {
    if (!node->note.empty() || !node->also.empty()) {
      EXPECT_NE(doc.find("| " + std::string(node->id) + " |"), std::string::npos)
          << node->id << " has an interpretation call that docs/interpretation.md does not list";
    }
  }
}

}  // namespace
}  // namespace etguard::catalog
