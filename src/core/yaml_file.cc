#include "core/yaml_file.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml.h>

#include <algorithm>
#include <optional>
#include <set>

#include "core/atomic_file.h"
#include "core/text.h"

namespace etguard {

Error yaml_error(const std::string& path, const YAML::Mark& mark, const std::string& en,
                 const std::string& zh) {
  return Error{ErrorKind::kInput,
               fmt::format("{}:{}:{}: {}", path, mark.line + 1, mark.column + 1, en),
               fmt::format("{}:{}:{}：{}", path, mark.line + 1, mark.column + 1, zh)};
}

namespace {

// Walks a document as its readers will see it, aliases expanded, stopping at
// the first budget exceeded.
class DocumentWalk {
 public:
  DocumentWalk(const YamlLimits& limits, std::vector<YamlIssue>& issues)
      : limits_(limits), issues_(issues) {}

  // False once a budget is exceeded (the walk stops there).
  bool visit(const YAML::Node& node) {
    if (++nodes_ > limits_.nodes) {
      return over(node, fmt::format("more than {} nodes once aliases are expanded", limits_.nodes),
                  fmt::format("展開別名後超過 {} 個節點", limits_.nodes));
    }
    if (node.IsScalar()) {
      const std::size_t size = node.Scalar().size();
      if (size > limits_.scalar_bytes) {
        return over(node,
                    fmt::format("a value of {} bytes (at most {})", size, limits_.scalar_bytes),
                    fmt::format("單一值 {} 位元組（上限 {}）", size, limits_.scalar_bytes));
      }
      expanded_ += size;
      if (expanded_ > limits_.expanded_bytes) {
        return over(node,
                    fmt::format("more than {} MiB of values once aliases are expanded",
                                limits_.expanded_bytes >> 20),
                    fmt::format("展開別名後值的總量超過 {} MiB", limits_.expanded_bytes >> 20));
      }
      return true;
    }
    if (node.IsSequence()) {
      for (const YAML::Node& item : node) {
        if (!visit(item)) {
          return false;
        }
      }
      return true;
    }
    if (!node.IsMap()) {
      return true;
    }
    std::set<std::string> keys;
    for (const auto& entry : node) {
      if (!entry.first.IsScalar()) {
        issues_.push_back({entry.first.Mark(), "complex-key",
                           "a key must be a plain value, not a list or a mapping",
                           "鍵須為單一值，不可為清單或對應表"});
      } else if (!keys.insert(entry.first.Scalar()).second) {
        issues_.push_back(
            {entry.first.Mark(), "duplicate-key",
             fmt::format("the key '{}' is given twice in this mapping", entry.first.Scalar()),
             fmt::format("鍵 '{}' 在此對應表中重複", entry.first.Scalar())});
      }
      if (!visit(entry.first) || !visit(entry.second)) {
        return false;
      }
    }
    return true;
  }

 private:
  bool over(const YAML::Node& node, const std::string& en, const std::string& zh) {
    issues_.push_back(
        {node.Mark(), "too-large", "the document is refused: " + en, "文件不予讀取：" + zh});
    return false;
  }

  const YamlLimits& limits_;
  std::vector<YamlIssue>& issues_;
  std::size_t nodes_ = 0;
  std::size_t expanded_ = 0;
};

// The first syntax error libyaml finds, if any. yaml-cpp 0.7 never returns on
// some malformed documents (found by fuzzing: an undefined alias in a broken
// flow sequence); libyaml, the reference C parser, reads them in linear time
// and says where they are wrong, so yaml-cpp only sees well-formed text.
std::optional<YamlIssue> libyaml_syntax_issue(const std::string& text) {
  yaml_parser_t parser;
  if (yaml_parser_initialize(&parser) == 0) {
    return YamlIssue{YAML::Mark(), "yaml-syntax", "the YAML parser could not start",
                     "YAML 剖析器無法啟動"};
  }
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  std::optional<YamlIssue> issue;
  for (bool done = false; !done;) {
    yaml_event_t event;
    if (yaml_parser_parse(&parser, &event) == 0) {
      YAML::Mark mark;
      mark.line = static_cast<int>(parser.problem_mark.line);
      mark.column = static_cast<int>(parser.problem_mark.column);
      const std::string problem =
          parser.problem != nullptr ? parser.problem : "not well-formed YAML";
      issue = YamlIssue{mark, "yaml-syntax", problem, problem};
      break;
    }
    done = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
  }
  yaml_parser_delete(&parser);
  return issue;
}

YAML::Mark mark_at(std::string_view text, std::size_t offset) {
  const TextPosition position = text_position(text, offset);
  YAML::Mark mark;
  mark.line = position.line - 1;
  mark.column = position.column - 1;
  return mark;
}

}  // namespace

YamlDocument parse_yaml_document(const std::string& text, const YamlLimits& limits) {
  YamlDocument document;
  if (const auto bad = invalid_utf8_at(text)) {
    document.issues.push_back({mark_at(text, *bad), "bad-encoding",
                               "not valid UTF-8 here; save the file as UTF-8",
                               "此處不是有效的 UTF-8；請以 UTF-8 儲存"});
    return document;
  }
  // YAML allows no C0 control but tab and line ends, and no DEL; yaml-cpp
  // 0.7 loops forever on some (a NUL before a flow indicator, found by
  // fuzzing), so they are refused before it sees them.
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
  if (auto syntax = libyaml_syntax_issue(text)) {
    document.issues.push_back(std::move(*syntax));
    return document;
  }
  std::vector<YAML::Node> all;
  try {
    all = YAML::LoadAll(text);
  } catch (const YAML::Exception& problem) {
    document.issues.push_back({problem.mark, "yaml-syntax", problem.msg, problem.msg});
    return document;
  }
  if (all.empty()) {
    return document;
  }
  document.root = all.front();
  if (all.size() > 1) {
    document.issues.push_back({all[1].Mark(), "second-document",
                               "a second YAML document ('---'); the file must hold exactly one",
                               "第二份 YAML 文件（'---'）；檔案只能有一份"});
  }
  DocumentWalk(limits, document.issues).visit(document.root);
  return document;
}

Result<YAML::Node> load_yaml_file(const std::string& path, std::string_view what_en,
                                  std::string_view what_zh) {
  auto content = read_file(path);
  if (!content) {
    return fail(ErrorKind::kNotFound, fmt::format("{}: cannot read {}", path, what_en),
                fmt::format("{}：無法讀取{}", path, what_zh));
  }
  YamlDocument document = parse_yaml_document(*content);
  if (document.issues.empty()) {
    return document.root;
  }
  YamlProblems problems(path);
  for (const YamlIssue& issue : document.issues) {
    problems.add(issue.mark, issue.code, issue.en, issue.zh);
  }
  return std::unexpected(problems.error());
}

void YamlProblems::add(const YAML::Mark& mark, std::string_view code, const std::string& en,
                       const std::string& zh) {
  const Error located = yaml_error(path_, mark, fmt::format("{}: {}", code, en),
                                   fmt::format("{}：{}", code, zh.empty() ? en : zh));
  en_.push_back(located.message);
  zh_.push_back(located.message_zh);
}

void YamlProblems::add_located(const std::string& en) {
  en_.push_back(en);
  zh_.push_back(en);
}

Error YamlProblems::error() const {
  return Error{ErrorKind::kInput, fmt::format("{}", fmt::join(en_, "\n")),
               fmt::format("{}", fmt::join(zh_, "\n"))};
}

}  // namespace etguard
