// The guideline in the browser (issue 18): the outline of chapters and
// articles with a search box, one article with every requirement node (the
// Chinese source beside the page's language), and search results. Anchors are
// node IDs, so /catalog/articles/8#ET-8.3.5 opens at the clause.
#pragma once

#include <string>
#include <string_view>

#include "app/catalog_view.h"
#include "server/layout.h"

namespace etguard::server {

std::string catalog_outline_page(const Frame& frame, const app::CatalogOutline& outline);
std::string catalog_article_page(const Frame& frame, const app::CatalogArticle& shown);
std::string catalog_search_page(const Frame& frame, const app::CatalogSearch& found,
                                std::string_view query);

}  // namespace etguard::server
