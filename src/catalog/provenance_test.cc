#include "catalog/provenance.h"

#include <gtest/gtest.h>

#include "catalog/data/embedded.h"
#include "core/atomic_file.h"
#include "core/text.h"

namespace etguard::catalog {
namespace {

std::string repository_source() {
  return read_file(std::string(ETG_SOURCE_DIR) + "/catalog/etg/2024-12-27/source/zh-TW.txt")
      .value();
}

std::vector<ProvenanceProblem> verify(const std::string& text) {
  return verify_against_source(embedded_catalog(), parse_source(text).value());
}

std::string replaced(std::string text, std::string_view from, std::string_view to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(ParseSource, FindsEveryChapterAndArticleAndSkipsPdfArtifacts) {
  const SourceDocument document = parse_source(repository_source()).value();
  ASSERT_EQ(document.chapters.size(), 8U);
  ASSERT_EQ(document.articles.size(), 54U);  // "第七十五條、" in Art. 32 is a citation
  EXPECT_EQ(document.articles[31].number, 32);
  EXPECT_NE(document.articles[31].body.find("第七十五條"), std::string::npos);
  for (const SourceArticle& article : document.articles) {
    EXPECT_EQ(article.body.find("頁，共"), std::string::npos)
        << "footer left in article " << article.number;
  }
}

TEST(Provenance, TheEmbeddedCatalogReproducesTheRepositorySource) {
  const auto problems = verify(repository_source());
  for (const auto& problem : problems) {
    ADD_FAILURE() << problem.where << ": " << problem.problem;
  }
}

TEST(Provenance, TheEmbeddedSourceIsTheRepositorySource) {
  EXPECT_EQ(embedded_catalog().data().source_text, repository_source());
}

TEST(Provenance, EveryArticleTextEqualsItsSourceBodyIgnoringWhitespace) {
  // An independent restatement of the contract: compare text by text.
  const SourceDocument document = parse_source(repository_source()).value();
  for (const SourceArticle& source : document.articles) {
    const Article* article = embedded_catalog().article(source.number);
    ASSERT_NE(article, nullptr);
    EXPECT_EQ(strip_whitespace(article_text(*article, Lang::kZhTw)), strip_whitespace(source.body))
        << "article " << source.number;
  }
}

TEST(Provenance, AChangedCharacterIsReportedAtItsNode) {
  const auto problems = verify(replaced(repository_source(), "未加密之營運", "未加密的營運"));
  ASSERT_EQ(problems.size(), 2U);
  EXPECT_EQ(problems[0].where, "Article 8");
  EXPECT_EQ(problems[1].where, "ET-8.3.5");
}

TEST(Provenance, AnExtraSentenceAfterTheLastNodeIsReported) {
  const auto problems =
      verify(replaced(repository_source(), "以利後續查證。", "以利後續查證。並應每年檢討。"));
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems.back().where, "Article 40");
  EXPECT_NE(problems.back().problem.find("continues after the last node"), std::string::npos);
}

TEST(Provenance, LineBreaksAndFootersDoNotMatter) {
  std::string text = replaced(repository_source(), "應採行客戶資料加", "應採行客戶\n\n 資料加");
  text = replaced(text, "第 7 頁，共 21 頁", "第 7 頁，共 22 頁");
  EXPECT_TRUE(verify(text).empty());
}

TEST(Provenance, AMissingArticleIsReported) {
  const auto problems =
      verify(replaced(repository_source(), "第四十一條 （深度偽造防範控管）", ""));
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems.front().where, "catalog");
}

TEST(ParseSource, RejectsTextWithoutArticles) {
  EXPECT_FALSE(parse_source("no guideline here\n"));
}

}  // namespace
}  // namespace etguard::catalog
