// Users' YAML files (rules, mappings, detectors, policies, answers): the one
// way they are read. load_yaml_file reads one document and locates what
// stops it (unreadable, not UTF-8, a syntax error); YamlProblems collects
// every problem of its content as "FILE:LINE:COLUMN: code: message", so one
// run reports all of them.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "core/result.h"

namespace etguard {

// The document of `path`; `what_en`/`what_zh` name the file in the message
// when it cannot be read ("the rules file" / "規則檔").
Result<YAML::Node> load_yaml_file(const std::string& path, std::string_view what_en,
                                  std::string_view what_zh);

// An input error at `mark` of `path`: "path:line:column: message".
Error yaml_error(const std::string& path, const YAML::Mark& mark, const std::string& en,
                 const std::string& zh);

class YamlProblems {
 public:
  explicit YamlProblems(std::string path) : path_(std::move(path)) {}

  // A problem at `mark` with a stable code ("unknown-key", "bad-type", ...).
  void add(const YAML::Mark& mark, std::string_view code, const std::string& en,
           const std::string& zh);
  // A problem already located by its reader ("answers.xlsx:Answers!7: ...").
  void add_located(const std::string& en);
  bool empty() const { return en_.empty(); }
  std::size_t size() const { return en_.size(); }
  // An input Error listing every problem, one per line.
  Error error() const;

 private:
  std::string path_;
  std::vector<std::string> en_;
  std::vector<std::string> zh_;
};

}  // namespace etguard
