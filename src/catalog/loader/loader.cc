#include "catalog/loader/loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "catalog/loader/validate.h"
#include "catalog/loader/yaml_reader.h"
#include "core/atomic_file.h"

namespace etguard::catalog {

namespace {

// Splits "ET-8.3.5" into {8, 3, 5}; empty when the ID is malformed.
std::vector<int> id_components(std::string_view id) {
  std::vector<int> parts;
  if (!id.starts_with("ET-")) {
    return {};
  }
  id.remove_prefix(3);
  while (true) {
    const std::size_t dot = id.find('.');
    const std::string_view part = id.substr(0, dot);
    int value = 0;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || error != std::errc{} || end != part.data() + part.size() || value <= 0 ||
        part.front() == '0') {
      return {};
    }
    parts.push_back(value);
    if (dot == std::string_view::npos) {
      break;
    }
    id.remove_prefix(dot + 1);
  }
  return parts.size() <= 4 ? parts : std::vector<int>{};
}

}  // namespace

// Reads the files of one catalog directory into a LoadedCatalog.
class CatalogLoader {
 public:
  CatalogLoader(std::filesystem::path directory, LoadedCatalog& out, std::vector<Problem>& problems)
      : directory_(std::move(directory)), out_(out), problems_(problems) {}

  void run() {
    read_catalog_file();
    read_facts_file();
    read_terms_file();
    read_articles();
    link_terms();
  }

 private:
  YamlReader reader(const std::string& file) { return {file, out_.arena_, problems_}; }

  void remember(std::string_view id, Location where) {
    out_.locations_.emplace(std::string(id), std::move(where));
  }

  void read_catalog_file() {
    YamlReader in = reader("catalog.yaml");
    const auto root = in.parse(directory_ / "catalog.yaml");
    if (!root || !in.expect_map(*root,
                                {"id", "version", "title_zh", "title_en", "short_title_en",
                                 "revision_zh", "revision_en", "source", "chapters", "instruments"},
                                "catalog.yaml")) {
      return;
    }
    CatalogData& data = out_.data_;
    data.id = in.text(*root, "id", true, "catalog");
    data.version = in.text(*root, "version", true, "catalog");
    data.title = in.bilingual(*root, "title", true, "catalog");
    data.short_title_en = in.text(*root, "short_title_en", true, "catalog");
    data.revision = in.bilingual(*root, "revision", true, "catalog");
    if (const std::string_view source = in.text(*root, "source", true, "catalog");
        !source.empty()) {
      if (auto text = read_file(directory_ / source)) {
        data.source_text = out_.arena_.keep(std::move(*text));
      } else {
        in.problem((*root)["source"], "unreadable-file", text.error().message);
      }
    }
    std::vector<Chapter> chapters;
    if (const YamlNode list = (*root)["chapters"]; in.expect_sequence(list, "chapters")) {
      for (const YamlNode& item : list.items()) {
        if (in.expect_map(item, {"number", "title_zh", "title_en"}, "chapter")) {
          const int number = in.integer(item, "number", true, "chapter");
          chapters.push_back(
              {number, in.bilingual(item, "title", true, fmt::format("chapter {}", number))});
        }
      }
    }
    data.chapters = out_.arena_.keep(std::move(chapters));
    std::vector<Instrument> instruments;
    if (const YamlNode list = (*root)["instruments"]; in.expect_sequence(list, "instruments")) {
      for (const YamlNode& item : list.items()) {
        if (in.expect_map(item, {"id", "title_zh", "title_en", "sector"}, "instrument")) {
          const std::string_view id = in.text(item, "id", true, "instrument");
          const std::string what = fmt::format("instrument {}", id);
          const std::string_view sector = in.text(item, "sector", false, what);
          if (!sector.empty() && sector != "securities" && sector != "futures" &&
              sector != "investment_trust_advisory") {
            in.problem(item["sector"], "bad-value",
                       fmt::format("{}: sector '{}' is not securities, futures or "
                                   "investment_trust_advisory",
                                   what, sector));
          }
          instruments.push_back({id, in.bilingual(item, "title", true, what), sector});
          remember(id, in.at(item));
        }
      }
    }
    data.instruments = out_.arena_.keep(std::move(instruments));
  }

  void read_facts_file() {
    YamlReader in = reader("facts.yaml");
    const auto root = in.parse(directory_ / "facts.yaml");
    if (!root || !in.expect_map(*root, {"subjects", "facts"}, "facts.yaml")) {
      return;
    }
    std::vector<Subject> subjects;
    if (const YamlNode list = (*root)["subjects"]; in.expect_sequence(list, "subjects")) {
      for (const YamlNode& item : list.items()) {
        if (in.expect_map(item, {"id", "title_zh", "title_en"}, "subject")) {
          const std::string_view id = in.text(item, "id", true, "subject");
          subjects.push_back(
              {id, in.bilingual(item, "title", true, fmt::format("subject {}", id))});
        }
      }
    }
    out_.data_.subjects = out_.arena_.keep(std::move(subjects));
    std::vector<Fact> facts;
    if (const YamlNode list = (*root)["facts"]; in.expect_sequence(list, "facts")) {
      for (const YamlNode& item : list.items()) {
        if (!in.expect_map(item, {"id", "zh", "en", "any_of", "implies", "source"}, "fact")) {
          continue;
        }
        Fact fact;
        fact.id = in.text(item, "id", true, "fact");
        const std::string what = fmt::format("fact {}", fact.id);
        fact.subject = fact.id.substr(0, fact.id.find('.'));
        fact.text = Text{in.text(item, "zh", true, what), in.text(item, "en", true, what)};
        fact.any_of = in.strings(item, "any_of", what);
        fact.implies = in.strings(item, "implies", what);
        fact.source = in.strings(item, "source", what);
        remember(fact.id, in.at(item));
        facts.push_back(fact);
      }
    }
    out_.data_.facts = out_.arena_.keep(std::move(facts));
  }

  void read_terms_file() {
    YamlReader in = reader("terms.yaml");
    const auto root = in.parse(directory_ / "terms.yaml");
    if (!root || !in.expect_map(*root, {"terms"}, "terms.yaml")) {
      return;
    }
    std::vector<Term> terms;
    if (const YamlNode list = (*root)["terms"]; in.expect_sequence(list, "terms")) {
      for (const YamlNode& item : list.items()) {
        if (!in.expect_map(item, {"id", "zh", "en", "abbr", "defined_by"}, "term")) {
          continue;
        }
        Term term;
        term.id = in.text(item, "id", true, "term");
        const std::string what = fmt::format("term {}", term.id);
        term.zh = in.strings(item, "zh", what);
        term.en = in.strings(item, "en", what);
        if (term.zh.empty() || term.en.empty()) {
          in.problem(item, "missing-translation", what + " needs both 'zh' and 'en' forms");
        }
        term.abbr = in.strings(item, "abbr", what);
        term.defined_by = in.text(item, "defined_by", false, what);
        remember("term:" + std::string(term.id), in.at(item));
        terms.push_back(term);
      }
    }
    terms_ = std::move(terms);
  }

  // A term is used in every node whose Chinese text contains one of its forms.
  void link_terms() {
    for (Term& term : terms_) {
      std::vector<std::string_view> used_in;
      for (const Article& article : out_.data_.articles) {
        for (const Node& node : article.nodes) {
          const bool uses = std::ranges::any_of(term.zh, [&node](std::string_view form) {
            return node.text.zh.find(form) != std::string_view::npos;
          });
          if (uses) {
            used_in.push_back(node.id);
          }
        }
      }
      term.used_in = out_.arena_.keep(std::move(used_in));
    }
    out_.data_.terms = out_.arena_.keep(std::move(terms_));
  }

  void read_articles() {
    std::vector<std::filesystem::path> files;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory_ / "articles", error)) {
      if (entry.path().extension() == ".yaml") {
        files.push_back(entry.path());
      }
    }
    if (error) {
      problems_.push_back({{"articles", 0, 0}, "unreadable-file", error.message()});
    }
    std::ranges::sort(files);
    std::vector<Article> articles;
    for (const auto& path : files) {
      if (auto article = read_article(path)) {
        articles.push_back(*article);
      }
    }
    out_.data_.articles = out_.arena_.keep(std::move(articles));
  }

  std::optional<Article> read_article(const std::filesystem::path& path) {
    const std::string file = "articles/" + path.filename().string();
    YamlReader in = reader(file);
    const auto root = in.parse(path);
    if (!root ||
        !in.expect_map(*root,
                       {"number", "chapter", "kind", "title_zh", "title_en", "conditions", "nodes"},
                       "article")) {
      return std::nullopt;
    }
    Article article;
    article.number = in.integer(*root, "number", true, "article");
    const std::string what = fmt::format("article {}", article.number);
    if (path.filename() != fmt::format("{:02}.yaml", article.number)) {
      in.problem(
          *root, "file-name",
          fmt::format("article {} must be in articles/{:02}.yaml", article.number, article.number));
    }
    article.chapter = in.integer(*root, "chapter", true, what);
    const std::string_view kind = in.text(*root, "kind", true, what);
    if (auto parsed = parse_article_kind(kind)) {
      article.kind = *parsed;
    } else if (!kind.empty()) {
      in.problem(
          (*root)["kind"], "bad-value",
          fmt::format("{}: kind '{}' is not purpose, definition, scope or control", what, kind));
    }
    article.title = in.bilingual(*root, "title", true, what);
    article.conditions = in.strings(*root, "conditions", what);
    remember(fmt::format("article:{}", article.number), in.at(*root));
    std::vector<Node> nodes;
    if (const YamlNode list = (*root)["nodes"]; in.expect_sequence(list, what + ": nodes")) {
      for (const YamlNode& item : list.items()) {
        if (auto node = read_node(in, item, article.number, nodes)) {
          nodes.push_back(*node);
        }
      }
    }
    if (nodes.empty()) {
      in.problem(*root, "missing-key", what + " has no nodes");
    }
    article.nodes = out_.arena_.keep(std::move(nodes));
    return article;
  }

  std::optional<Node> read_node(YamlReader& in, const YamlNode& item, int article,
                                const std::vector<Node>& earlier) {
    if (!in.expect_map(item, {"id",          "heading_zh",      "heading_en",
                              "text_zh",     "text_en",         "obligation",
                              "also",        "note_zh",         "note_en",
                              "polarity",    "conditions",      "unless",
                              "recurrence",  "recurrence_when", "trigger_zh",
                              "trigger_en",  "retention_years", "see",
                              "instruments", "evidence"},
                       "node")) {
      return std::nullopt;
    }
    Node node;
    node.id = in.text(item, "id", true, "node");
    node.article = article;
    node.source_line = in.at(item).line;
    const std::string what = fmt::format("node {}", node.id);
    if (!place_node(in, item, node, earlier)) {
      return std::nullopt;
    }
    node.heading = in.bilingual(item, "heading", false, what);
    node.text = in.bilingual(item, "text", true, what);
    const std::string_view obligation = in.text(item, "obligation", true, what);
    if (auto parsed = parse_obligation(obligation)) {
      node.obligation = *parsed;
    } else if (!obligation.empty()) {
      in.problem(item["obligation"], "bad-value",
                 fmt::format("{}: obligation '{}' is not shall, should, may or informative", what,
                             obligation));
    }
    std::vector<Obligation> also;
    for (std::string_view name : in.strings(item, "also", what)) {
      if (auto parsed = parse_obligation(name)) {
        also.push_back(*parsed);
      } else {
        in.problem(item["also"], "bad-value",
                   fmt::format("{}: 'also' lists unknown obligation '{}'", what, name));
      }
    }
    node.also = out_.arena_.keep(std::move(also));
    node.note = in.bilingual(item, "note", false, what);
    node.conditions = in.strings(item, "conditions", what);
    node.unless = in.strings(item, "unless", what);
    node.recurrence_when = in.strings(item, "recurrence_when", what);
    if (const std::string_view polarity = in.text(item, "polarity", false, what);
        !polarity.empty()) {
      if (auto parsed = parse_polarity(polarity)) {
        node.polarity = *parsed;
      } else {
        in.problem(item["polarity"], "bad-value",
                   fmt::format("{}: polarity '{}' is not duty or prohibition", what, polarity));
      }
    }
    std::vector<Recurrence> recurrence;
    for (std::string_view name : in.strings(item, "recurrence", what)) {
      if (auto parsed = parse_recurrence(name)) {
        recurrence.push_back(*parsed);
      } else {
        in.problem(
            item["recurrence"], "bad-value",
            fmt::format("{}: recurrence '{}' is not in the vocabulary (docs/catalog-schema.md)",
                        what, name));
      }
    }
    node.recurrence = out_.arena_.keep(std::move(recurrence));
    node.trigger = in.bilingual(item, "trigger", false, what);
    node.retention_years = in.integer(item, "retention_years", false, what);
    node.see = in.strings(item, "see", what);
    node.instruments = in.strings(item, "instruments", what);
    std::vector<Text> evidence;
    if (const YamlNode list = item["evidence"];
        list.defined() && in.expect_sequence(list, what + ": evidence")) {
      for (const YamlNode& entry : list.items()) {
        if (in.expect_map(entry, {"zh", "en"}, what + ": evidence item")) {
          const bool has_zh = entry["zh"].defined();
          const bool has_en = entry["en"].defined();
          if (has_zh != has_en) {
            in.problem(
                entry, "missing-translation",
                fmt::format("{}: an evidence item lacks its {} text", what, has_zh ? "en" : "zh"));
          }
          evidence.push_back({in.text(entry, "zh", true, what), in.text(entry, "en", true, what)});
        }
      }
    }
    node.evidence = out_.arena_.keep(std::move(evidence));
    return node;
  }

  // Derives level, ordinal and parent from the ID and checks that the node
  // sits where its ID says: right article, parent already seen, ordinals
  // counting up from 1 under each parent.
  bool place_node(YamlReader& in, const YamlNode& item, Node& node,
                  const std::vector<Node>& earlier) {
    const std::vector<int> parts = id_components(node.id);
    if (parts.empty()) {
      in.problem(
          item["id"], "bad-id",
          fmt::format("'{}' is not a requirement ID (ET-<article>[.<item>[.<sub-item>[.<point>]]])",
                      node.id));
      return false;
    }
    if (parts.front() != node.article) {
      in.problem(item["id"], "bad-id",
                 fmt::format("{} is in the file of article {}", node.id, node.article));
      return false;
    }
    if (out_.locations_.contains(node.id)) {
      in.problem(item["id"], "duplicate-id", fmt::format("{} is defined twice", node.id));
      return false;
    }
    static constexpr Level kLevels[] = {Level::kLead, Level::kItem, Level::kSubItem, Level::kPoint};
    node.level = kLevels[parts.size() - 1];
    node.ordinal = parts.size() == 1 ? 0 : parts.back();
    node.parent = parts.size() == 1 ? std::string_view{} : node.id.substr(0, node.id.rfind('.'));
    if (node.level == Level::kLead && !earlier.empty()) {
      in.problem(item["id"], "order",
                 fmt::format("the lead paragraph {} must come first", node.id));
    }
    if (node.level == Level::kSubItem || node.level == Level::kPoint) {
      const bool parent_seen =
          std::ranges::any_of(earlier, [&](const Node& n) { return n.id == node.parent; });
      if (!parent_seen) {
        in.problem(item["id"], "dangling-reference",
                   fmt::format("{} comes before its parent {} or the parent is missing", node.id,
                               node.parent));
      }
    }
    int previous = 0;
    for (const Node& sibling : earlier) {
      if (sibling.parent == node.parent && sibling.level == node.level) {
        previous = sibling.ordinal;
      }
    }
    if (node.level != Level::kLead && node.ordinal != previous + 1) {
      in.problem(item["id"], "order",
                 fmt::format("{} follows number {} under {}; expected number {}", node.id, previous,
                             node.parent, previous + 1));
    }
    remember(node.id, in.at(item));
    return true;
  }

  std::filesystem::path directory_;
  std::vector<Term> terms_;  // until link_terms has found where each is used
  LoadedCatalog& out_;
  std::vector<Problem>& problems_;
};

LoadOutcome load_catalog(const std::filesystem::path& directory) {
  LoadOutcome outcome{std::make_unique<LoadedCatalog>(), {}};
  CatalogLoader(directory, *outcome.catalog, outcome.problems).run();
  if (outcome.problems.empty()) {
    validate_catalog(*outcome.catalog, outcome.problems);
  }
  return outcome;
}

}  // namespace etguard::catalog
