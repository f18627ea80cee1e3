#include "catalog/export/json_export.h"

#include <fmt/format.h>

#include "catalog/export/formats.h"

namespace etguard::catalog {
namespace {

using Json = nlohmann::ordered_json;

Json strings(std::span<const std::string_view> items) {
  Json out = Json::array();
  for (std::string_view item : items) {
    out.push_back(item);
  }
  return out;
}

}  // namespace

void put_text(Json& out, std::string_view base, const Text& text) {
  out[std::string(base) + "_zh"] = text.zh;
  out[std::string(base) + "_en"] = text.en;
}

Json node_to_json(const Catalog& catalog, const Node& node) {
  Json out;
  out["id"] = node.id;
  out["parent"] = node.parent.empty() ? Json(nullptr) : Json(node.parent);
  out["level"] = to_string(node.level);
  out["label_zh"] = node_label(node, Lang::kZhTw);
  out["label_en"] = node_label(node, Lang::kEn);
  if (!node.heading.empty()) {
    put_text(out, "heading", node.heading);
  }
  put_text(out, "text", node.text);
  out["obligation"] = to_string(node.obligation);
  out["polarity"] = to_string(node.polarity);
  Json also = Json::array();
  for (Obligation weaker : node.also) {
    also.push_back(to_string(weaker));
  }
  out["also"] = also;
  out["conditions"] = strings(node.conditions);
  out["unless"] = strings(node.unless);
  std::vector<std::string_view> effective = catalog.effective_conditions(node);
  out["effective_conditions"] = strings(effective);
  Json recurrence = Json::array();
  for (Recurrence each : node.recurrence) {
    recurrence.push_back(to_string(each));
  }
  out["recurrence"] = recurrence;
  out["recurrence_when"] = strings(node.recurrence_when);
  if (!node.trigger.empty()) {
    put_text(out, "trigger", node.trigger);
  }
  out["retention_years"] = node.retention_years == 0 ? Json(nullptr) : Json(node.retention_years);
  Json evidence = Json::array();
  for (const Text& item : node.evidence) {
    evidence.push_back(Json{{"zh", item.zh}, {"en", item.en}});
  }
  out["evidence"] = evidence;
  out["references"] =
      Json{{"clauses", strings(node.see)}, {"instruments", strings(node.instruments)}};
  Json terms = Json::array();
  for (const Term* term : catalog.terms_used_in(node)) {
    terms.push_back(term->id);
  }
  out["terms"] = terms;
  if (!node.note.empty()) {
    put_text(out, "note", node.note);
  }
  return out;
}

Json article_to_json(const Catalog& catalog, const Article& article) {
  Json item{{"number", article.number},
            {"id", "ET-" + std::to_string(article.number)},
            {"chapter", article.chapter},
            {"kind", to_string(article.kind)}};
  put_text(item, "title", article.title);
  item["text_zh"] = article_text(article, Lang::kZhTw);
  item["text_en"] = article_text(article, Lang::kEn);
  item["conditions"] = strings(article.conditions);
  Json nodes = Json::array();
  for (const Node& node : article.nodes) {
    nodes.push_back(node_to_json(catalog, node));
  }
  item["nodes"] = nodes;
  return item;
}

Json catalog_to_json(const Catalog& catalog) {
  const CatalogData& data = catalog.data();
  Json out;
  out["format"] = kJsonFormat;
  out["format_version"] = kJsonFormatVersion;
  Json meta{{"id", data.id}, {"version", data.version}};
  put_text(meta, "title", data.title);
  meta["short_title_en"] = data.short_title_en;
  put_text(meta, "revision", data.revision);
  out["catalog"] = meta;
  Json chapters = Json::array();
  for (const Chapter& chapter : catalog.chapters()) {
    Json item{{"number", chapter.number}};
    put_text(item, "title", chapter.title);
    chapters.push_back(item);
  }
  out["chapters"] = chapters;
  Json articles = Json::array();
  for (const Article& article : catalog.articles()) {
    articles.push_back(article_to_json(catalog, article));
  }
  out["articles"] = articles;
  Json subjects = Json::array();
  for (const Subject& subject : data.subjects) {
    Json item{{"id", subject.id}};
    put_text(item, "title", subject.title);
    subjects.push_back(item);
  }
  Json facts = Json::array();
  for (const Fact& fact : data.facts) {
    Json item{{"id", fact.id}, {"subject", fact.subject}};
    put_text(item, "text", fact.text);
    item["any_of"] = strings(fact.any_of);
    item["implies"] = strings(fact.implies);
    item["source"] = strings(fact.source);
    facts.push_back(item);
  }
  out["fact_vocabulary"] = Json{{"subjects", subjects}, {"facts", facts}};
  Json terms = Json::array();
  for (const Term& term : data.terms) {
    terms.push_back(
        Json{{"id", term.id},
             {"zh", strings(term.zh)},
             {"en", strings(term.en)},
             {"abbr", strings(term.abbr)},
             {"defined_by", term.defined_by.empty() ? Json(nullptr) : Json(term.defined_by)},
             {"used_in", strings(term.used_in)}});
  }
  out["terms"] = terms;
  Json instruments = Json::array();
  for (const Instrument& instrument : data.instruments) {
    Json item{{"id", instrument.id}};
    put_text(item, "title", instrument.title);
    item["sector"] = instrument.sector.empty() ? Json(nullptr) : Json(instrument.sector);
    instruments.push_back(item);
  }
  out["instruments"] = instruments;
  return out;
}

Json listing_json(std::string_view kind, const Catalog& catalog,
                  const std::vector<const Node*>& nodes) {
  Json items = Json::array();
  for (const Node* node : nodes) {
    items.push_back(node_to_json(catalog, *node));
  }
  return Json{{"format", fmt::format("{}.{}", kJsonFormat, kind)},
              {"format_version", kJsonFormatVersion},
              {"catalog_version", catalog.data().version},
              {"count", nodes.size()},
              {"nodes", items}};
}

}  // namespace etguard::catalog
