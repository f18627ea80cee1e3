// /api/catalog: the same use cases as the catalog pages, as JSON. Nodes are
// written exactly as `etguard catalog export --format json` writes them.
#pragma once

#include <nlohmann/json.hpp>

#include "app/catalog_view.h"

namespace etguard::server {

// schema etguard.catalog-outline 1.0: chapters with their articles and counts.
nlohmann::ordered_json catalog_outline_json(const app::CatalogOutline& outline);
// schema etguard.catalog-article 1.0: one article exactly as the JSON export
// writes it (catalog::article_to_json), with its neighbours' numbers.
nlohmann::ordered_json catalog_article_json(const app::CatalogArticle& shown);
// format etguard.catalog.search 1.0, as `etguard catalog search --json`.
nlohmann::ordered_json catalog_search_json(const app::CatalogSearch& found);

}  // namespace etguard::server
