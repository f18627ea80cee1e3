// The guideline as people read it in the server (issue 18): the outline of
// chapters and articles, one article with its requirement nodes, and search
// in either language. The same use cases serve the pages and /api/catalog.
// Whoever may see the assessment may read the catalog; the board sees the
// summary only (app/access.h).
#pragma once

#include <string_view>
#include <vector>

#include "app/access.h"
#include "catalog/catalog.h"
#include "core/result.h"

namespace etguard::app {

struct ArticleLine {
  const catalog::Article* article = nullptr;
  int duties = 0;        // nodes that say 應 (shall)
  int prohibitions = 0;  // nodes that say 不得 or 應避免
};

struct ChapterLine {
  const catalog::Chapter* chapter = nullptr;
  std::vector<ArticleLine> articles;
};

struct CatalogOutline {
  const catalog::Catalog* catalog = nullptr;
  std::vector<ChapterLine> chapters;
};

struct CatalogArticle {
  const catalog::Catalog* catalog = nullptr;
  const catalog::Article* article = nullptr;
  const catalog::Chapter* chapter = nullptr;
  const catalog::Article* previous = nullptr;  // null at the first article
  const catalog::Article* next = nullptr;      // null at the last
};

struct CatalogSearch {
  const catalog::Catalog* catalog = nullptr;
  std::vector<const catalog::Node*> nodes;  // best first, at most `limit`
};

[[nodiscard]] Result<CatalogOutline> catalog_outline(const Principal& who);
// kNotFound when the guideline has no article `number`.
[[nodiscard]] Result<CatalogArticle> catalog_article(const Principal& who, int number);
// An empty query finds nothing; kUsage when it is longer than 200 bytes.
[[nodiscard]] Result<CatalogSearch> catalog_search(const Principal& who, std::string_view query,
                                                   std::size_t limit = 50);

}  // namespace etguard::app
