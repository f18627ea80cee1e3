#include "core/yaml_file.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "core/atomic_file.h"
#include "core/clock.h"
#include "core/text.h"
#include "core/yaml_tree.h"

namespace etguard {

Error yaml_error(const std::string& path, const YamlMark& mark, const std::string& en,
                 const std::string& zh) {
  return Error{ErrorKind::kInput,
               fmt::format("{}:{}:{}: {}", path, mark.line + 1, mark.column + 1, en),
               fmt::format("{}:{}:{}：{}", path, mark.line + 1, mark.column + 1, zh)};
}

namespace {

using Kind = YamlTree::Kind;

YamlMark mark_of(const yaml_mark_t& mark) {
  constexpr std::size_t kMax = std::numeric_limits<int>::max();
  return {static_cast<int>(std::min(mark.line, kMax)),
          static_cast<int>(std::min(mark.column, kMax))};
}

YamlMark mark_at(std::string_view text, std::size_t offset) {
  const TextPosition position = text_position(text, offset);
  return {position.line - 1, position.column - 1};
}

// What a node costs its readers once aliases are expanded.
struct Cost {
  std::size_t nodes = 0;
  std::size_t bytes = 0;
};

// Builds the tree of the first document from libyaml's events, checking the
// budgets as each node completes so that a small file of nested aliases is
// refused before anything expands it.
class TreeBuilder {
 public:
  TreeBuilder(const YamlLimits& limits, std::vector<YamlIssue>& issues)
      : limits_(limits), issues_(issues), tree_(std::make_shared<YamlTree>()) {}

  // The root, or nothing when an issue stopped the build.
  std::optional<YamlNode> build(const std::string& text) {
    yaml_parser_t parser;
    if (yaml_parser_initialize(&parser) == 0) {
      issues_.push_back(
          {{}, "yaml-syntax", "the YAML parser could not start", "YAML 剖析器無法啟動"});
      return std::nullopt;
    }
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
    bool going = true;
    while (going) {
      yaml_event_t event;
      if (yaml_parser_parse(&parser, &event) == 0) {
        const std::string problem =
            parser.problem != nullptr ? parser.problem : "not well-formed YAML";
        issues_.push_back({mark_of(parser.problem_mark), "yaml-syntax", problem, problem});
        stopped_ = true;
        break;
      }
      going = event.type != YAML_STREAM_END_EVENT && on_event(event);
      yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    if (stopped_) {
      return std::nullopt;
    }
    if (!root_) {  // an empty file: one null node
      root_ = add_node(Kind::kNull, {}, "");
    }
    return YamlNode(std::move(tree_), *root_);
  }

 private:
  struct Open {
    std::uint32_t index = 0;
    std::string anchor;
    Cost cost;
    std::vector<std::uint32_t> children;
  };

  // False once the build must stop.
  bool on_event(const yaml_event_t& event) {
    const YamlMark mark = mark_of(event.start_mark);
    if (documents_ > 1) {
      issues_.push_back({mark, "second-document",
                         "a second YAML document ('---'); the file must hold exactly one",
                         "第二份 YAML 文件（'---'）；檔案只能有一份"});
      return false;
    }
    switch (event.type) {
      case YAML_DOCUMENT_START_EVENT:
        ++documents_;
        return true;
      case YAML_SCALAR_EVENT:
        return on_scalar(event, mark);
      case YAML_ALIAS_EVENT:
        return on_alias(event, mark);
      case YAML_SEQUENCE_START_EVENT:
        open(Kind::kSequence, mark, event.data.sequence_start.anchor,
             event.data.sequence_start.tag);
        return true;
      case YAML_MAPPING_START_EVENT:
        open(Kind::kMap, mark, event.data.mapping_start.anchor, event.data.mapping_start.tag);
        return true;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        return close();
      default:
        return true;
    }
  }

  bool on_scalar(const yaml_event_t& event, const YamlMark& mark) {
    const auto& scalar = event.data.scalar;
    const std::string_view value(reinterpret_cast<const char*>(scalar.value), scalar.length);
    if (value.size() > limits_.scalar_bytes) {
      return over(
          mark, fmt::format("a value of {} bytes (at most {})", value.size(), limits_.scalar_bytes),
          fmt::format("單一值 {} 位元組（上限 {}）", value.size(), limits_.scalar_bytes));
    }
    const std::string_view tag =
        scalar.tag != nullptr ? reinterpret_cast<const char*>(scalar.tag) : "";
    const bool null =
        tag == YAML_NULL_TAG ||
        (tag.empty() && scalar.style == YAML_PLAIN_SCALAR_STYLE &&
         (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL"));
    const std::uint32_t index = add_node(null ? Kind::kNull : Kind::kScalar, mark, value);
    tree_->nodes[index].local_tag = is_local_tag(scalar.tag);
    return complete(index, anchor_name(scalar.anchor), {1, value.size()});
  }

  bool on_alias(const yaml_event_t& event, const YamlMark& mark) {
    const std::string name = anchor_name(event.data.alias.anchor);
    const auto found = anchors_.find(name);
    if (found == anchors_.end()) {
      issues_.push_back({mark, "bad-alias",
                         fmt::format("the alias *{} names no anchor before it", name),
                         fmt::format("別名 *{} 之前沒有對應的錨點", name)});
      stopped_ = true;
      return false;
    }
    return complete(found->second.first, "", found->second.second);
  }

  // A tag of the application's own ("!Ref"), not one of YAML's ("!!str"
  // resolves to "tag:yaml.org,2002:str").
  static bool is_local_tag(const yaml_char_t* tag) {
    return tag != nullptr && tag[0] == '!' && (tag[1] != '\0' && tag[1] != '!');
  }

  void open(Kind kind, const YamlMark& mark, const yaml_char_t* anchor, const yaml_char_t* tag) {
    if (depth_ == stack_.size()) {
      stack_.emplace_back();
    }
    Open& level = stack_[depth_++];
    level.index = add_node(kind, mark, "");
    tree_->nodes[level.index].local_tag = is_local_tag(tag);
    level.anchor = anchor_name(anchor);
    level.cost = {1, 0};
    level.children.clear();
  }

  bool close() {
    Open& level = stack_[--depth_];
    YamlTree::Data& data = tree_->nodes[level.index];
    data.first = tree_->children.size();
    data.count = level.children.size();
    tree_->children.insert(tree_->children.end(), level.children.begin(), level.children.end());
    if (data.kind == Kind::kMap) {
      check_keys(level.children);
    }
    return complete(level.index, std::move(level.anchor), level.cost);
  }

  // A node is complete: checks its expanded cost, names it for later aliases
  // and hands it to its parent.
  bool complete(std::uint32_t index, std::string anchor, const Cost& cost) {
    const YamlMark mark = tree_->nodes[index].mark;
    if (cost.nodes > limits_.nodes) {
      return over(mark, fmt::format("more than {} nodes once aliases are expanded", limits_.nodes),
                  fmt::format("展開別名後超過 {} 個節點", limits_.nodes));
    }
    if (cost.bytes > limits_.expanded_bytes) {
      return over(mark,
                  fmt::format("more than {} MiB of values once aliases are expanded",
                              limits_.expanded_bytes >> 20),
                  fmt::format("展開別名後值的總量超過 {} MiB", limits_.expanded_bytes >> 20));
    }
    if (!anchor.empty()) {
      anchors_[std::move(anchor)] = {index, cost};
    }
    if (depth_ == 0) {
      root_ = index;
      return true;
    }
    Open& parent = stack_[depth_ - 1];
    parent.children.push_back(index);
    // Both sums stay below twice their limit plus one: no overflow.
    parent.cost.nodes = std::min(parent.cost.nodes + cost.nodes, limits_.nodes + 1);
    parent.cost.bytes = std::min(parent.cost.bytes + cost.bytes, limits_.expanded_bytes + 1);
    return true;
  }

  void check_keys(const std::vector<std::uint32_t>& children) {
    std::unordered_set<std::string_view> keys;
    for (std::size_t i = 0; i < children.size(); i += 2) {
      const YamlTree::Data& key = tree_->nodes[children[i]];
      if (key.kind == Kind::kSequence || key.kind == Kind::kMap) {
        issues_.push_back({key.mark, "complex-key",
                           "a key must be a plain value, not a list or a mapping",
                           "鍵須為單一值，不可為清單或對應表"});
        continue;
      }
      const std::string_view text = std::string_view(tree_->text).substr(key.first, key.count);
      if (!keys.insert(text).second) {
        issues_.push_back({key.mark, "duplicate-key",
                           fmt::format("the key '{}' is given twice in this mapping", text),
                           fmt::format("鍵 '{}' 在此對應表中重複", text)});
      }
    }
  }

  std::uint32_t add_node(Kind kind, const YamlMark& mark, std::string_view text) {
    YamlTree::Data data{
        .kind = kind, .mark = mark, .first = tree_->text.size(), .count = text.size()};
    tree_->text.append(text);
    tree_->nodes.push_back(data);
    return static_cast<std::uint32_t>(tree_->nodes.size() - 1);
  }

  bool over(const YamlMark& mark, const std::string& en, const std::string& zh) {
    issues_.push_back({mark, "too-large", "the document is refused: " + en, "文件不予讀取：" + zh});
    stopped_ = true;
    return false;
  }

  static std::string anchor_name(const yaml_char_t* anchor) {
    return anchor != nullptr ? reinterpret_cast<const char*>(anchor) : "";
  }

  const YamlLimits& limits_;
  std::vector<YamlIssue>& issues_;
  std::shared_ptr<YamlTree> tree_;
  std::vector<Open> stack_;  // levels beyond depth_ keep their capacity for reuse
  std::size_t depth_ = 0;
  std::unordered_map<std::string, std::pair<std::uint32_t, Cost>> anchors_;
  std::optional<std::uint32_t> root_;
  int documents_ = 0;
  bool stopped_ = false;
};

}  // namespace

YamlDocument parse_yaml_document(const std::string& text, const YamlLimits& limits) {
  YamlDocument document;
  if (const auto bad = invalid_utf8_at(text)) {
    document.issues.push_back({mark_at(text, *bad), "bad-encoding",
                               "not valid UTF-8 here; save the file as UTF-8",
                               "此處不是有效的 UTF-8；請以 UTF-8 儲存"});
    return document;
  }
  // YAML allows no C0 control but tab and line ends, and no DEL.
  const auto control = std::ranges::find_if(text, [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7F;
  });
  if (control != text.end()) {
    const auto code_point = static_cast<unsigned>(static_cast<unsigned char>(*control));
    document.issues.push_back(
        {mark_at(text, static_cast<std::size_t>(control - text.begin())), "bad-character",
         fmt::format("the control character U+{:04X} is not allowed in YAML", code_point),
         fmt::format("YAML 不允許控制字元 U+{:04X}", code_point)});
    return document;
  }
  if (auto root = TreeBuilder(limits, document.issues).build(text)) {
    document.root = std::move(*root);
  }
  return document;
}

Result<YamlNode> load_yaml_text(const std::string& source, const std::string& text) {
  YamlDocument document = parse_yaml_document(text);
  if (document.issues.empty()) {
    return document.root;
  }
  YamlProblems problems(source);
  for (const YamlIssue& issue : document.issues) {
    problems.add(issue.mark, issue.code, issue.en, issue.zh);
  }
  return std::unexpected(problems.error());
}

Result<YamlNode> load_yaml_file(const std::string& path, std::string_view what_en,
                                std::string_view what_zh) {
  auto content = read_file(path);
  if (!content) {
    return fail(ErrorKind::kNotFound, fmt::format("{}: cannot read {}", path, what_en),
                fmt::format("{}：無法讀取{}", path, what_zh));
  }
  return load_yaml_text(path, *content);
}

Status yaml_known_keys(const std::string& path, const YamlNode& map,
                       std::initializer_list<std::string_view> known) {
  for (std::size_t i = 0; i < map.size(); ++i) {
    const std::string_view key = map.key(i).scalar();
    if (std::ranges::find(known, key) == known.end()) {
      return std::unexpected(yaml_error(path, map.key(i).mark(),
                                        fmt::format("unknown key '{}'", key),
                                        fmt::format("未知的鍵 '{}'", key)));
    }
  }
  return {};
}

void YamlFields::keys(const YamlNode& map, std::initializer_list<std::string_view> known) {
  for (std::size_t i = 0; i < map.size(); ++i) {
    const std::string_view key = map.key(i).scalar();
    if (std::ranges::find(known, key) == known.end()) {
      problems_.add(map.key(i).mark(), "unknown-key", fmt::format("unknown key '{}'", key),
                    fmt::format("未知的鍵 '{}'", key));
    }
  }
}

std::string YamlFields::text(const YamlNode& map, const char* key, bool required) {
  const YamlNode node = map[key];
  if (!node || node.is_null()) {
    if (required) {
      problems_.add(map.mark(), "missing-key", fmt::format("'{}' is missing", key),
                    fmt::format("缺少 '{}'", key));
    }
    return {};
  }
  auto value = yaml_as_text(path_, node);
  if (!value) {
    problems_.add_located(value.error().message, value.error().message_zh);
    return {};
  }
  return *value;
}

bool YamlFields::flag(const YamlNode& map, const char* key) {
  const YamlNode node = map[key];
  if (!node) {
    return false;
  }
  auto value = yaml_as_flag(path_, node);
  if (!value) {
    problems_.add_located(value.error().message, value.error().message_zh);
    return false;
  }
  return *value;
}

std::optional<long long> YamlFields::whole(const YamlNode& map, const char* key, long long low,
                                           long long high) {
  const YamlNode node = map[key];
  if (!node) {
    return std::nullopt;
  }
  auto value = yaml_as_whole(path_, node);
  if (!value || *value < low || *value > high) {
    problems_.add(node.mark(), "bad-value",
                  fmt::format("'{}' must be a whole number from {} to {}", key, low, high),
                  fmt::format("'{}' 應為 {} 至 {} 之整數", key, low, high));
    return std::nullopt;
  }
  return *value;
}

std::string YamlFields::date(const YamlNode& map, const char* key) {
  std::string value = text(map, key);
  if (!value.empty() && (value.size() != 10 || !parse_utc(value))) {
    problems_.add(map[key].mark(), "bad-value",
                  fmt::format("'{}' is not a date (YYYY-MM-DD)", value),
                  fmt::format("'{}' 不是日期（YYYY-MM-DD）", value));
    return {};
  }
  return value;
}

Result<std::string> yaml_as_text(const std::string& path, const YamlNode& node) {
  if (!node.is_scalar()) {
    return std::unexpected(
        yaml_error(path, node.mark(), "expected a single value here", "此處應為單一值"));
  }
  return std::string(node.scalar());
}

Result<bool> yaml_as_flag(const std::string& path, const YamlNode& node) {
  if (const auto flag = yaml_bool(node)) {
    return *flag;
  }
  return std::unexpected(
      yaml_error(path, node.mark(), "expected true or false here", "此處應為 true 或 false"));
}

Result<long long> yaml_as_whole(const std::string& path, const YamlNode& node) {
  if (const auto number = yaml_integer(node)) {
    return *number;
  }
  return std::unexpected(
      yaml_error(path, node.mark(), "expected a whole number here", "此處應為整數"));
}

Result<double> yaml_as_number(const std::string& path, const YamlNode& node) {
  if (const auto number = yaml_number(node)) {
    return *number;
  }
  return std::unexpected(yaml_error(path, node.mark(), "expected a number here", "此處應為數字"));
}

void YamlProblems::add(const YamlMark& mark, std::string_view code, const std::string& en,
                       const std::string& zh) {
  const Error located = yaml_error(path_, mark, fmt::format("{}: {}", code, en),
                                   fmt::format("{}：{}", code, zh.empty() ? en : zh));
  en_.push_back(located.message);
  zh_.push_back(located.message_zh);
}

void YamlProblems::add_located(std::string en, std::string zh) {
  en_.push_back(std::move(en));
  zh_.push_back(std::move(zh));
}

Error YamlProblems::error() const {
  return Error{ErrorKind::kInput, fmt::format("{}", fmt::join(en_, "\n")),
               fmt::format("{}", fmt::join(zh_, "\n"))};
}

}  // namespace etguard
