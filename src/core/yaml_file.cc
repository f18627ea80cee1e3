#include "core/yaml_file.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
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
      return over(node, fmt::format("more than {} nodes once aliases are expanded", limits_.nodes));
    }
    if (node.IsScalar()) {
      const std::size_t size = node.Scalar().size();
      if (size > limits_.scalar_bytes) {
        return over(node,
                    fmt::format("a value of {} bytes (at most {})", size, limits_.scalar_bytes));
      }
      expanded_ += size;
      if (expanded_ > limits_.expanded_bytes) {
        return over(node, fmt::format("more than {} MiB of values once aliases are expanded",
                                      limits_.expanded_bytes >> 20));
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
                           "a key must be a plain value, not a list or a mapping"});
      } else if (!keys.insert(entry.first.Scalar()).second) {
        issues_.push_back(
            {entry.first.Mark(), "duplicate-key",
             fmt::format("the key '{}' is given twice in this mapping", entry.first.Scalar())});
      }
      if (!visit(entry.first) || !visit(entry.second)) {
        return false;
      }
    }
    return true;
  }

 private:
  bool over(const YAML::Node& node, const std::string& what) {
    issues_.push_back({node.Mark(), "too-large", "the document is refused: " + what});
    return false;
  }

  const YamlLimits& limits_;
  std::vector<YamlIssue>& issues_;
  std::size_t nodes_ = 0;
  std::size_t expanded_ = 0;
};

}  // namespace

YamlDocument parse_yaml_document(const std::string& text, const YamlLimits& limits) {
  YamlDocument document;
  std::vector<YAML::Node> all = YAML::LoadAll(text);
  if (all.empty()) {
    return document;
  }
  document.root = all.front();
  if (all.size() > 1) {
    document.issues.push_back({all[1].Mark(), "second-document",
                               "a second YAML document ('---'); the file must hold exactly one"});
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
  if (const auto bad = invalid_utf8_at(*content)) {
    const TextPosition position = text_position(*content, *bad);
    YAML::Mark mark;
    mark.line = position.line - 1;
    mark.column = position.column - 1;
    return std::unexpected(yaml_error(path, mark,
                                      "bad-encoding: not valid UTF-8 here; save the file as UTF-8",
                                      "bad-encoding：此處不是有效的 UTF-8；請以 UTF-8 儲存"));
  }
  try {
    YamlDocument document = parse_yaml_document(*content);
    if (document.issues.empty()) {
      return document.root;
    }
    YamlProblems problems(path);
    for (const YamlIssue& issue : document.issues) {
      problems.add(issue.mark, issue.code, issue.message, issue.message);
    }
    return std::unexpected(problems.error());
  } catch (const YAML::ParserException& problem) {
    return std::unexpected(yaml_error(path, problem.mark, "yaml-syntax: " + problem.msg,
                                      "yaml-syntax：" + problem.msg));
  }
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
