// Read-only queries over one catalog: look-ups by ID, the node tree,
// inherited conditions, labels and article texts.
//
// A Catalog indexes a CatalogData it does not own; the data must outlive it.
// All methods are const and thread-safe after construction.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model.h"
#include "core/result.h"

namespace etguard::catalog {

class Catalog {
 public:
  explicit Catalog(const CatalogData& data);

  const CatalogData& data() const { return data_; }
  std::span<const Chapter> chapters() const { return data_.chapters; }
  std::span<const Article> articles() const { return data_.articles; }

  const Chapter* chapter(int number) const;
  const Article* article(int number) const;
  const Node* node(std::string_view id) const;
  const Fact* fact(std::string_view id) const;
  // The facts whose `implies` names `id` (empty for most).
  std::span<const Fact* const> implied_by(std::string_view id) const;
  const Term* term(std::string_view id) const;
  const Instrument* instrument(std::string_view id) const;

  // "ET-8" names Article 8 (and its lead node when it has one); "ET-8.3.5" a node.
  struct Located {
    const Article* article = nullptr;
    const Node* node = nullptr;  // null when the ID is an article without a lead
  };
  std::optional<Located> locate(std::string_view id) const;

  // Nodes whose parent is `id` (a node or an article ID), in document order.
  std::vector<const Node*> children(std::string_view id) const;

  // The chain of parent nodes from the article's lead (if any) down to the
  // node's parent.
  std::vector<const Node*> ancestors(const Node& node) const;

  // Conditions that decide whether `node` applies: the article's, its
  // ancestors' and its own, without duplicates, in that order.
  std::vector<std::string_view> effective_conditions(const Node& node) const;
  std::vector<std::string_view> effective_unless(const Node& node) const;

  // Every node in document order.
  std::vector<const Node*> all_nodes() const;

  // Up to `count` IDs (articles and nodes) closest to `id`, best first.
  std::vector<std::string_view> closest_ids(std::string_view id, std::size_t count) const;

  // The error for an ID that is not in the catalog, naming the closest ones.
  Error unknown_id(std::string_view id) const;

  // Glossary terms whose Chinese forms occur in the node's text.
  std::vector<const Term*> terms_used_in(const Node& node) const;

 private:
  const CatalogData& data_;
  std::map<std::string_view, const Node*, std::less<>> nodes_;
  std::map<std::string_view, const Fact*, std::less<>> facts_;
  std::map<std::string_view, std::vector<const Fact*>, std::less<>> implied_by_;
  std::vector<std::string> article_ids_;  // "ET-1" ... "ET-54"
};

// "一、", "(一)", "1、" in Chinese; "1.", "(1)", "(i)" in English; empty for a lead.
std::string node_label(const Node& node, Lang lang);

// "第八條" / "Article 8".
std::string article_label(int number, Lang lang);
// "第二章" / "Chapter 2".
std::string chapter_label(int number, Lang lang);

// The article's body: its nodes, each on its own line, labels included. In
// Chinese it equals the source text once whitespace is ignored.
std::string article_text(const Article& article, Lang lang);

}  // namespace etguard::catalog
