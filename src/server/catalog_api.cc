#include "server/catalog_api.h"

#include "catalog/export/json_export.h"

namespace etguard::server {
namespace {

using Json = nlohmann::ordered_json;

}  // namespace

Json catalog_outline_json(const app::CatalogOutline& outline) {
  Json chapters = Json::array();
  for (const app::ChapterLine& chapter : outline.chapters) {
    Json articles = Json::array();
    for (const app::ArticleLine& line : chapter.articles) {
      Json item{{"number", line.article->number},
                {"id", "ET-" + std::to_string(line.article->number)}};
      catalog::put_text(item, "title", line.article->title);
      item["nodes"] = line.article->nodes.size();
      item["duties"] = line.duties;
      item["prohibitions"] = line.prohibitions;
      articles.push_back(item);
    }
    Json item{{"number", chapter.chapter->number}};
    catalog::put_text(item, "title", chapter.chapter->title);
    item["articles"] = articles;
    chapters.push_back(item);
  }
  return {{"schema", "etguard.catalog-outline"},
          {"version", "1.0"},
          {"catalog_version", outline.catalog->data().version},
          {"chapters", chapters}};
}

Json catalog_article_json(const app::CatalogArticle& shown) {
  return {{"schema", "etguard.catalog-article"},
          {"version", "1.0"},
          {"catalog_version", shown.catalog->data().version},
          {"article", catalog::article_to_json(*shown.catalog, *shown.article)},
          {"previous", shown.previous != nullptr ? Json(shown.previous->number) : Json(nullptr)},
          {"next", shown.next != nullptr ? Json(shown.next->number) : Json(nullptr)}};
}

Json catalog_search_json(const app::CatalogSearch& found) {
  return catalog::listing_json("search", *found.catalog, found.nodes);
}

}  // namespace etguard::server
