// The read side of users' YAML: a compact, immutable tree built from libyaml's
// events (decision 0008). A YamlNode is a cheap handle into that tree; an
// alias is the node its anchor names, so a reader sees aliases expanded
// without the tree copying them. Build one with parse_yaml_document
// (core/yaml_file.h), which also checks the document's budgets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <ranges>
#include <string_view>
#include <utility>

namespace etguard {

// Where a node starts, zero-based (messages print it one-based).
struct YamlMark {
  int line = 0;
  int column = 0;
};

struct YamlTree;

class YamlNode {
 public:
  // The undefined node: what an absent key gives.
  YamlNode() = default;
  YamlNode(std::shared_ptr<const YamlTree> tree, std::uint32_t index)
      : tree_(std::move(tree)), index_(index) {}

  bool defined() const { return tree_ != nullptr; }
  explicit operator bool() const { return defined(); }
  // A plain `~`, `null` (any case YAML allows), an empty value or `!!null`.
  bool is_null() const;
  bool is_scalar() const;
  bool is_sequence() const;
  bool is_map() const;

  // Whether the node carries an application's tag ("!Ref Bucket" in a
  // CloudFormation template), not one of YAML's own ("!!str").
  bool has_local_tag() const;
  // The text of a scalar; empty for anything else.
  std::string_view scalar() const;
  YamlMark mark() const;

  // The items of a sequence or the entries of a mapping; 0 for anything else.
  std::size_t size() const;
  // The value of `key` in a mapping; undefined when absent or not a mapping.
  YamlNode operator[](std::string_view key) const;
  // Item `i` of a sequence; key and value of entry `i` of a mapping.
  YamlNode item(std::size_t i) const;
  YamlNode key(std::size_t i) const;
  YamlNode value(std::size_t i) const;

  auto items() const {
    return std::views::iota(std::size_t{0}, is_sequence() ? size() : 0) |
           std::views::transform([node = *this](std::size_t i) { return node.item(i); });
  }
  // The entries of a mapping as YamlEntry {key, value}, in document order.
  auto entries() const;

 private:
  std::shared_ptr<const YamlTree> tree_;
  std::uint32_t index_ = 0;
};

struct YamlEntry {
  YamlNode key;
  YamlNode value;
};

inline auto YamlNode::entries() const {
  return std::views::iota(std::size_t{0}, is_map() ? size() : 0) |
         std::views::transform(
             [node = *this](std::size_t i) { return YamlEntry{node.key(i), node.value(i)}; });
}

// YAML 1.2's core schema: true|True|TRUE|false|False|FALSE; nullopt for any
// other text or a node that is not a scalar.
std::optional<bool> yaml_bool(const YamlNode& node);
// A decimal integer / a number in the whole text of a scalar, else nullopt.
std::optional<long long> yaml_integer(const YamlNode& node);
std::optional<double> yaml_number(const YamlNode& node);

}  // namespace etguard
