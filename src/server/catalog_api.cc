#include "server/catalog_api.h"

#include "catalog/export/json_export.h"

namespace etguard::server {
namespace {

using Json = nlohmann::ordered_json;

Json text_json(const Text& text) {
  return {{"zh", text.zh}, {"en", text.en}};
}

}  // namespace

Json catalog_outline_json(const app::CatalogOutline& outline) {
  Json chapters = Json::array();
  for (const app::ChapterLine& chapter : outline.chapters) {
    Json articles = Json::array();
    for (const app::ArticleLine& line : chapter.articles) {
      articles.push_back({{"number", line.article->number},
                          {"id", "ET-" + std::to_string(line.article->number)},
                          {"title", text_json(line.article->title)},
                          {"nodes", line.article->nodes.size()},
                          {"duties", line.duties},
                          {"prohibitions", line.prohibitions}});
    }
    chapters.push_back({{"number", chapter.chapter->number},
                        {"title", text_json(chapter.chapter->title)},
                        {"articles", articles}});
  }
  return {{"schema", "etguard.catalog-outline"},
          {"version", "1.0"},
          {"catalog_version", outline.catalog->data().version},
          {"chapters", chapters}};
}

Json catalog_article_json(const app::CatalogArticle& shown) {
  const catalog::Article& article = *shown.article;
  Json nodes = Json::array();
  for (const catalog::Node& node : article.nodes) {
    nodes.push_back(catalog::node_to_json(*shown.catalog, node));
  }
  return {{"schema", "etguard.catalog-article"},
          {"version", "1.0"},
          {"catalog_version", shown.catalog->data().version},
          {"article",
           {{"number", article.number},
            {"id", "ET-" + std::to_string(article.number)},
            {"chapter", article.chapter},
            {"kind", catalog::to_string(article.kind)},
            {"title", text_json(article.title)},
            {"nodes", nodes}}},
          {"previous", shown.previous != nullptr ? Json(shown.previous->number) : Json(nullptr)},
          {"next", shown.next != nullptr ? Json(shown.next->number) : Json(nullptr)}};
}

Json catalog_search_json(const app::CatalogSearch& found) {
  return catalog::listing_json("search", *found.catalog, found.nodes);
}

}  // namespace etguard::server
