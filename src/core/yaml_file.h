// Users' YAML files (rules, mappings, detectors, policies, answers): the one
// way they are read. load_yaml_file reads one document and locates what
// stops it (unreadable, not UTF-8, a syntax error); YamlProblems collects
// every problem of its content as "FILE:LINE:COLUMN: code: message", so one
// run reports all of them.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/yaml_node.h"

namespace etguard {

// What one document may cost its reader once aliases are expanded: a small
// file of nested aliases would otherwise expand to gigabytes.
struct YamlLimits {
  std::size_t nodes = 8'000'000;                                // nodes visited
  std::size_t scalar_bytes = std::size_t{1} << 20;              // one value
  std::size_t expanded_bytes = std::size_t{256} * 1024 * 1024;  // all values visited
};

// A problem of the document as a whole, with a stable code: "bad-encoding",
// "bad-character", "yaml-syntax", "bad-alias", "second-document",
// "duplicate-key", "complex-key", "too-large".
struct YamlIssue {
  YamlMark mark;
  std::string code;
  std::string en;
  std::string zh;
};

// The one document of `text` (a null node when it is empty), or the issues
// that make it unfit to read: text that is not UTF-8 or holds a control
// character, a syntax error, more than one document, a key given twice or
// not a plain value, an alias naming no anchor before it, a budget exceeded.
// Never throws. libyaml reads the text (decision 0008).
struct YamlDocument {
  YamlNode root;
  std::vector<YamlIssue> issues;
};
YamlDocument parse_yaml_document(const std::string& text, const YamlLimits& limits = {});

// The document of `path`; `what_en`/`what_zh` name the file in the message
// when it cannot be read ("the rules file" / "規則檔").
Result<YamlNode> load_yaml_file(const std::string& path, std::string_view what_en,
                                std::string_view what_zh);

// The document of `text`, named `source` in messages (a built-in default,
// a text already read); its issues as one input error, every one located.
Result<YamlNode> load_yaml_text(const std::string& source, const std::string& text);

// An input error at the first key of `map` that is not one of `known`:
// "path:line:column: unknown key 'x'".
Status yaml_known_keys(const std::string& path, const YamlNode& map,
                       std::initializer_list<std::string_view> known);

// An input error at `mark` of `path`: "path:line:column: message".
Error yaml_error(const std::string& path, const YamlMark& mark, const std::string& en,
                 const std::string& zh);

// The value at `node` of `path` read as a text, a flag (true|false), a whole
// number or a number, or an input error located at the node saying what was
// expected.
Result<std::string> yaml_as_text(const std::string& path, const YamlNode& node);
Result<bool> yaml_as_flag(const std::string& path, const YamlNode& node);
Result<long long> yaml_as_whole(const std::string& path, const YamlNode& node);
Result<double> yaml_as_number(const std::string& path, const YamlNode& node);

// Reads the fields of a document, collecting every problem in `problems()`
// (code: message, located) instead of stopping at the first: a value that
// is absent reads as empty (or false, or nullopt), one of the wrong kind is
// a problem and reads the same.
class YamlFields;

class YamlProblems {
 public:
  explicit YamlProblems(std::string path) : path_(std::move(path)) {}

  // A problem at `mark` with a stable code ("unknown-key", "bad-type", ...).
  void add(const YamlMark& mark, std::string_view code, const std::string& en,
           const std::string& zh);
  // A problem already located by its reader ("answers.xlsx:Answers!7: ...").
  void add_located(std::string en, std::string zh);
  bool empty() const { return en_.empty(); }
  std::size_t size() const { return en_.size(); }
  // An input Error listing every problem, one per line.
  Error error() const;

 private:
  std::string path_;
  std::vector<std::string> en_;
  std::vector<std::string> zh_;
};

class YamlFields {
 public:
  explicit YamlFields(std::string path) : path_(path), problems_(std::move(path)) {}

  // Each key of `map` not in `known` is a problem (unknown-key).
  void keys(const YamlNode& map, std::initializer_list<std::string_view> known);
  // A text; `required`: its absence is a problem (missing-key).
  std::string text(const YamlNode& map, const char* key, bool required = false);
  bool flag(const YamlNode& map, const char* key);
  // A whole number within [low, high]; nullopt when absent or not one.
  std::optional<long long> whole(const YamlNode& map, const char* key, long long low,
                                 long long high);
  // A real date YYYY-MM-DD; empty when absent or not one.
  std::string date(const YamlNode& map, const char* key);

  const std::string& path() const { return path_; }
  YamlProblems& problems() { return problems_; }

 private:
  std::string path_;
  YamlProblems problems_;
};

}  // namespace etguard
