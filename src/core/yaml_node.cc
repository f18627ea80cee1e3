#include "core/yaml_node.h"

#include <charconv>
#include <cmath>

#include "core/yaml_tree.h"

namespace etguard {
namespace {

using Kind = YamlTree::Kind;

}  // namespace

bool YamlNode::is_null() const {
  return defined() && tree_->nodes[index_].kind == Kind::kNull;
}

bool YamlNode::has_local_tag() const {
  return defined() && tree_->nodes[index_].local_tag;
}

bool YamlNode::is_scalar() const {
  return defined() && tree_->nodes[index_].kind == Kind::kScalar;
}

bool YamlNode::is_sequence() const {
  return defined() && tree_->nodes[index_].kind == Kind::kSequence;
}

bool YamlNode::is_map() const {
  return defined() && tree_->nodes[index_].kind == Kind::kMap;
}

std::string_view YamlNode::scalar() const {
  if (!is_scalar()) {
    return {};
  }
  const YamlTree::Data& data = tree_->nodes[index_];
  return std::string_view(tree_->text).substr(data.first, data.count);
}

YamlMark YamlNode::mark() const {
  return defined() ? tree_->nodes[index_].mark : YamlMark{};
}

std::size_t YamlNode::size() const {
  if (!is_sequence() && !is_map()) {
    return 0;
  }
  const std::size_t count = tree_->nodes[index_].count;
  return is_map() ? count / 2 : count;
}

YamlNode YamlNode::operator[](std::string_view wanted) const {
  for (std::size_t i = 0, n = is_map() ? size() : 0; i < n; ++i) {
    if (const YamlNode candidate = key(i); candidate.is_scalar() && candidate.scalar() == wanted) {
      return value(i);
    }
  }
  return {};
}

YamlNode YamlNode::item(std::size_t i) const {
  return {tree_, tree_->children[tree_->nodes[index_].first + i]};
}

YamlNode YamlNode::key(std::size_t i) const {
  return {tree_, tree_->children[tree_->nodes[index_].first + (2 * i)]};
}

YamlNode YamlNode::value(std::size_t i) const {
  return {tree_, tree_->children[tree_->nodes[index_].first + (2 * i) + 1]};
}

std::optional<bool> yaml_bool(const YamlNode& node) {
  const std::string_view text = node.scalar();
  if (text == "true" || text == "True" || text == "TRUE") {
    return true;
  }
  if (text == "false" || text == "False" || text == "FALSE") {
    return false;
  }
  return std::nullopt;
}

std::optional<long long> yaml_integer(const YamlNode& node) {
  const std::string_view text = node.scalar();
  const std::string_view digits = text.starts_with('+') ? text.substr(1) : text;
  long long value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) {
    return std::nullopt;
  }
  return value;
}

std::optional<double> yaml_number(const YamlNode& node) {
  const std::string_view text = node.scalar();
  const std::string_view digits = text.starts_with('+') ? text.substr(1) : text;
  double value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() ||
      !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

}  // namespace etguard
