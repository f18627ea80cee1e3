#include "catalog/export/oscal_export.h"

#include <fmt/format.h>

#include "catalog/export/formats.h"
#include "core/uuid.h"

namespace etguard::catalog {
namespace {

using Json = nlohmann::ordered_json;

Json prop(std::string_view name, std::string_view value, bool ours = true) {
  Json out{{"name", name}};
  if (ours) {
    out["ns"] = kOscalNamespace;
  }
  out["value"] = value;
  return out;
}

class OscalWriter {
 public:
  OscalWriter(const Catalog& catalog, Lang lang) : catalog_(catalog), lang_(lang) {}

  Result<Json> document() {
    const CatalogData& data = catalog_.data();
    Json metadata;
    metadata["title"] = data.title.in(lang_);
    metadata["last-modified"] = std::string(data.version) + "T00:00:00+08:00";
    metadata["version"] = data.version;
    metadata["oscal-version"] = kOscalVersion;
    metadata["props"] = Json::array({prop("catalog-id", data.id), prop("language", lang_tag(lang_)),
                                     prop("format-version", kJsonFormatVersion)});
    metadata["remarks"] = data.revision.in(lang_);
    Json groups = Json::array();
    for (const Chapter& chapter : catalog_.chapters()) {
      auto group = chapter_group(chapter);
      if (!group) {
        return std::unexpected(group.error());
      }
      groups.push_back(*group);
    }
    Json resources = Json::array();
    for (const Instrument& instrument : data.instruments) {
      auto id = uuid_for("instrument:" + std::string(instrument.id));
      if (!id) {
        return std::unexpected(id.error());
      }
      resources.push_back(Json{{"uuid", *id},
                               {"title", instrument.title.in(lang_)},
                               {"props", Json::array({prop("instrument-id", instrument.id)})}});
    }
    auto id = uuid_for("catalog");
    if (!id) {
      return std::unexpected(id.error());
    }
    Json body{{"uuid", *id}, {"metadata", metadata}, {"groups", groups}};
    body["back-matter"] = Json{{"resources", resources}};
    return Json{{"catalog", body}};
  }

 private:
  Result<std::string> uuid_for(const std::string& what) const {
    return name_based_uuid(fmt::format("{}:{}:{}:{}", catalog_.data().id, catalog_.data().version,
                                       lang_tag(lang_), what));
  }

  Result<Json> chapter_group(const Chapter& chapter) {
    Json controls = Json::array();
    for (const Article& article : catalog_.articles()) {
      if (article.chapter != chapter.number) {
        continue;
      }
      auto control = article_control(article);
      if (!control) {
        return std::unexpected(control.error());
      }
      controls.push_back(*control);
    }
    return Json{
        {"id", fmt::format("ch-{}", chapter.number)},
        {"class", "chapter"},
        {"title", chapter.title.in(lang_)},
        {"props", Json::array({prop("label", chapter_label(chapter.number, lang_), false)})},
        {"controls", controls}};
  }

  Result<Json> article_control(const Article& article) {
    const std::string id = fmt::format("ET-{}", article.number);
    Json props = Json::array({prop("label", article_label(article.number, lang_), false),
                              prop("kind", to_string(article.kind))});
    for (std::string_view fact : article.conditions) {
      props.push_back(prop("condition", fact));
    }
    Json control{
        {"id", id}, {"class", "article"}, {"title", article.title.in(lang_)}, {"props", props}};
    Json links = Json::array();
    for (const Node& node : article.nodes) {
      for (std::string_view instrument : node.instruments) {
        auto resource = uuid_for("instrument:" + std::string(instrument));
        if (!resource) {
          return std::unexpected(resource.error());
        }
        Json link{{"href", "#" + *resource}, {"rel", "reference"}};
        if (std::ranges::find(links, link) == links.end()) {
          links.push_back(link);
        }
      }
    }
    if (!links.empty()) {
      control["links"] = links;
    }
    // The statement is the lead node when there is one, else a container.
    const Node* lead =
        article.nodes.front().level == Level::kLead ? &article.nodes.front() : nullptr;
    Json statement = lead != nullptr ? node_part(*lead, "statement")
                                     : Json{{"id", id + "_smt"}, {"name", "statement"}};
    Json parts = children_parts(id);
    if (!parts.empty()) {
      statement["parts"] = std::move(parts);
    }
    control["parts"] = Json::array({statement});
    return control;
  }

  Json children_parts(std::string_view parent_id) {
    Json parts = Json::array();
    for (const Node* child : catalog_.children(parent_id)) {
      Json part = node_part(*child, "item");
      Json grandchildren = children_parts(child->id);
      if (!grandchildren.empty()) {
        for (auto& each : grandchildren) {
          part["parts"].push_back(std::move(each));
        }
      }
      parts.push_back(std::move(part));
    }
    return parts;
  }

  Json node_part(const Node& node, std::string_view name) {
    Json props = Json::array();
    if (const std::string label = node_label(node, lang_); !label.empty()) {
      props.push_back(prop("label", label, false));
    }
    props.push_back(prop("requirement-id", node.id));
    props.push_back(prop("obligation", to_string(node.obligation)));
    for (Obligation weaker : node.also) {
      props.push_back(prop("also", to_string(weaker)));
    }
    for (std::string_view fact : node.conditions) {
      props.push_back(prop("condition", fact));
    }
    for (std::string_view fact : node.unless) {
      props.push_back(prop("unless", fact));
    }
    for (Recurrence each : node.recurrence) {
      props.push_back(prop("recurrence", to_string(each)));
    }
    if (node.retention_years > 0) {
      props.push_back(prop("retention-years", std::to_string(node.retention_years)));
    }
    for (std::string_view clause : node.see) {
      props.push_back(prop("see", clause));
    }
    const Lang other = lang_ == Lang::kZhTw ? Lang::kEn : Lang::kZhTw;
    Json alt = prop("alt-text", node.text.in(other));
    alt["class"] = lang_tag(other);
    props.push_back(alt);
    Json part{{"id", std::string(node.id) + "_smt"}, {"name", name}, {"props", props}};
    if (!node.heading.empty()) {
      part["title"] = node.heading.in(lang_);
    }
    part["prose"] = node.text.in(lang_);
    Json parts = Json::array();
    for (const Text& evidence : node.evidence) {
      parts.push_back(
          Json{{"name", "evidence"}, {"ns", kOscalNamespace}, {"prose", evidence.in(lang_)}});
    }
    if (!node.note.empty()) {
      parts.push_back(Json{
          {"name", "interpretation"}, {"ns", kOscalNamespace}, {"prose", node.note.in(lang_)}});
    }
    if (!parts.empty()) {
      part["parts"] = parts;
    }
    return part;
  }

  const Catalog& catalog_;
  Lang lang_;
};

}  // namespace

Result<nlohmann::ordered_json> catalog_to_oscal(const Catalog& catalog, Lang lang) {
  return OscalWriter(catalog, lang).document();
}

}  // namespace etguard::catalog
