#include "app/catalog_view.h"

#include <fmt/format.h>

#include "catalog/data/embedded.h"
#include "catalog/search.h"

namespace etguard::app {

Result<CatalogOutline> catalog_outline(const Principal& who) {
  if (auto allowed = require(who, Permission::kViewAssessment); !allowed) {
    return std::unexpected(allowed.error());
  }
  const catalog::Catalog& catalog = catalog::embedded_catalog();
  CatalogOutline outline{.catalog = &catalog, .chapters = {}};
  for (const catalog::Chapter& chapter : catalog.chapters()) {
    outline.chapters.push_back({.chapter = &chapter, .articles = {}});
  }
  for (const catalog::Article& article : catalog.articles()) {
    ArticleLine line{.article = &article, .duties = 0, .prohibitions = 0};
    for (const catalog::Node& node : article.nodes) {
      line.duties += node.obligation == catalog::Obligation::kShall ? 1 : 0;
      line.prohibitions += node.polarity == catalog::Polarity::kProhibition ? 1 : 0;
    }
    for (ChapterLine& chapter : outline.chapters) {
      if (chapter.chapter->number == article.chapter) {
        chapter.articles.push_back(line);
      }
    }
  }
  return outline;
}

Result<CatalogArticle> catalog_article(const Principal& who, int number) {
  if (auto allowed = require(who, Permission::kViewAssessment); !allowed) {
    return std::unexpected(allowed.error());
  }
  const catalog::Catalog& catalog = catalog::embedded_catalog();
  const catalog::Article* article = catalog.article(number);
  if (article == nullptr) {
    return fail(ErrorKind::kNotFound, fmt::format("the guideline has no article {}", number),
                fmt::format("指引沒有第 {} 條", number));
  }
  return CatalogArticle{.catalog = &catalog,
                        .article = article,
                        .chapter = catalog.chapter(article->chapter),
                        .previous = catalog.article(number - 1),
                        .next = catalog.article(number + 1)};
}

Result<CatalogSearch> catalog_search(const Principal& who, std::string_view query,
                                     std::size_t limit) {
  if (auto allowed = require(who, Permission::kViewAssessment); !allowed) {
    return std::unexpected(allowed.error());
  }
  constexpr std::size_t kLongestQuery = 200;
  if (query.size() > kLongestQuery) {
    return fail(
        ErrorKind::kUsage,
        fmt::format("a search of {} bytes is too long; at most {}", query.size(), kLongestQuery),
        fmt::format("搜尋字串長 {} 位元組，超過上限 {}", query.size(), kLongestQuery));
  }
  const catalog::Catalog& catalog = catalog::embedded_catalog();
  CatalogSearch found{.catalog = &catalog, .nodes = {}};
  if (query.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return found;
  }
  for (const catalog::SearchHit& hit : catalog::search(catalog, query, limit)) {
    found.nodes.push_back(hit.node);
  }
  return found;
}

}  // namespace etguard::app
