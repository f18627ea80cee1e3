#include "catalog/catalog.h"

#include <fmt/format.h>

#include <algorithm>

#include "catalog/numerals.h"
#include "core/text.h"

namespace etguard::catalog {
namespace {

void append_unique(std::vector<std::string_view>& out, std::span<const std::string_view> items) {
  for (std::string_view item : items) {
    if (std::ranges::find(out, item) == out.end()) {
      out.push_back(item);
    }
  }
}

std::string roman_lower(int value) {
  static constexpr std::string_view kOnes[] = {"",  "i",  "ii",  "iii",  "iv",
                                               "v", "vi", "vii", "viii", "ix"};
  static constexpr std::string_view kTens[] = {"", "x", "xx", "xxx"};
  if (value < 1 || value > 39) {
    return std::to_string(value);
  }
  return std::string(kTens[value / 10]) + std::string(kOnes[value % 10]);
}

}  // namespace

Catalog::Catalog(const CatalogData& data) : data_(data) {
  for (const Article& article : data_.articles) {
    article_ids_.push_back(fmt::format("ET-{}", article.number));
    for (const Node& node : article.nodes) {
      nodes_.emplace(node.id, &node);
    }
  }
  for (const Fact& fact : data_.facts) {
    facts_.emplace(fact.id, &fact);
    for (std::string_view implied : fact.implies) {
      implied_by_[implied].push_back(&fact);
    }
  }
}

const Chapter* Catalog::chapter(int number) const {
  const auto found = std::ranges::find(data_.chapters, number, &Chapter::number);
  return found == data_.chapters.end() ? nullptr : &*found;
}

const Article* Catalog::article(int number) const {
  const auto found = std::ranges::find(data_.articles, number, &Article::number);
  return found == data_.articles.end() ? nullptr : &*found;
}

const Node* Catalog::node(std::string_view id) const {
  const auto found = nodes_.find(id);
  return found == nodes_.end() ? nullptr : found->second;
}

std::span<const Fact* const> Catalog::implied_by(std::string_view id) const {
  const auto found = implied_by_.find(id);
  return found == implied_by_.end() ? std::span<const Fact* const>() : found->second;
}

const Fact* Catalog::fact(std::string_view id) const {
  const auto found = facts_.find(id);
  return found == facts_.end() ? nullptr : found->second;
}

const Term* Catalog::term(std::string_view id) const {
  const auto found = std::ranges::find(data_.terms, id, &Term::id);
  return found == data_.terms.end() ? nullptr : &*found;
}

const Instrument* Catalog::instrument(std::string_view id) const {
  const auto found = std::ranges::find(data_.instruments, id, &Instrument::id);
  return found == data_.instruments.end() ? nullptr : &*found;
}

std::optional<Catalog::Located> Catalog::locate(std::string_view id) const {
  if (const Node* found = node(id)) {
    return Located{article(found->article), found};
  }
  const auto at = std::ranges::find(article_ids_, id);
  if (at == article_ids_.end()) {
    return std::nullopt;
  }
  return Located{&data_.articles[static_cast<std::size_t>(at - article_ids_.begin())], nullptr};
}

std::vector<const Node*> Catalog::children(std::string_view id) const {
  std::vector<const Node*> out;
  const auto located = locate(id);
  if (!located || located->article == nullptr) {
    return out;
  }
  for (const Node& candidate : located->article->nodes) {
    if (candidate.parent == id) {
      out.push_back(&candidate);
    }
  }
  return out;
}

std::vector<const Node*> Catalog::ancestors(const Node& start) const {
  std::vector<const Node*> chain;
  for (std::string_view parent = start.parent; !parent.empty();) {
    const Node* up = node(parent);
    if (up == nullptr) {  // the parent is an article without a lead paragraph
      break;
    }
    chain.push_back(up);
    parent = up->parent;
  }
  std::ranges::reverse(chain);
  return chain;
}

std::vector<std::string_view> Catalog::effective_conditions(const Node& target) const {
  std::vector<std::string_view> out;
  if (const Article* owner = article(target.article)) {
    append_unique(out, owner->conditions);
  }
  for (const Node* up : ancestors(target)) {
    append_unique(out, up->conditions);
  }
  append_unique(out, target.conditions);
  return out;
}

std::vector<std::string_view> Catalog::effective_unless(const Node& target) const {
  std::vector<std::string_view> out;
  for (const Node* up : ancestors(target)) {
    append_unique(out, up->unless);
  }
  append_unique(out, target.unless);
  return out;
}

std::vector<const Node*> Catalog::all_nodes() const {
  std::vector<const Node*> out;
  for (const Article& owner : data_.articles) {
    for (const Node& each : owner.nodes) {
      out.push_back(&each);
    }
  }
  return out;
}

std::vector<std::string_view> Catalog::closest_ids(std::string_view id, std::size_t count) const {
  std::vector<std::pair<std::size_t, std::string_view>> scored;
  const std::string wanted = ascii_lower(id);
  auto score = [&](std::string_view candidate) {
    scored.emplace_back(edit_distance(wanted, ascii_lower(candidate)), candidate);
  };
  for (const std::string& article_id : article_ids_) {
    score(article_id);
  }
  for (const auto& [node_id, unused] : nodes_) {
    if (std::ranges::find(article_ids_, node_id) == article_ids_.end()) {
      score(node_id);
    }
  }
  std::ranges::stable_sort(scored, [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < scored.size() && out.size() < count; ++i) {
    out.push_back(scored[i].second);
  }
  return out;
}

Error Catalog::unknown_id(std::string_view id) const {
  const auto closest = closest_ids(id, 3);
  return Error{
      ErrorKind::kNotFound,
      fmt::format("unknown requirement ID '{}'; closest: {}", id, fmt::join(closest, ", ")),
      fmt::format("找不到編號 '{}'；最接近：{}", id, fmt::join(closest, ", "))};
}

std::vector<const Term*> Catalog::terms_used_in(const Node& target) const {
  std::vector<const Term*> out;
  for (const Term& term : data_.terms) {
    if (std::ranges::find(term.used_in, target.id) != term.used_in.end()) {
      out.push_back(&term);
    }
  }
  return out;
}

std::string node_label(const Node& node, Lang lang) {
  const bool zh = lang == Lang::kZhTw;
  switch (node.level) {
    case Level::kLead:
      return {};
    case Level::kItem:
      return zh ? chinese_numeral(node.ordinal) + "、" : fmt::format("{}.", node.ordinal);
    case Level::kSubItem:
      return zh ? "(" + chinese_numeral(node.ordinal) + ")" : fmt::format("({})", node.ordinal);
    case Level::kPoint:
      return zh ? fmt::format("{}、", node.ordinal) : "(" + roman_lower(node.ordinal) + ")";
  }
  return {};
}

std::string article_label(int number, Lang lang) {
  return lang == Lang::kZhTw ? "第" + chinese_numeral(number) + "條"
                             : fmt::format("Article {}", number);
}

std::string chapter_label(int number, Lang lang) {
  return lang == Lang::kZhTw ? "第" + chinese_numeral(number) + "章"
                             : fmt::format("Chapter {}", number);
}

std::string article_text(const Article& article, Lang lang) {
  std::string out;
  for (const Node& node : article.nodes) {
    if (!out.empty()) {
      out += '\n';
    }
    const std::string label = node_label(node, lang);
    if (!label.empty()) {
      out += label;
      out += ' ';
    }
    out += lang == Lang::kZhTw ? node.text.zh : node.text.en;
  }
  return out;
}

}  // namespace etguard::catalog
