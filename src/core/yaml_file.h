// Users' YAML files (rules, mappings, detectors): read with yaml-cpp, and
// every problem reported as "FILE:LINE: problem" in both languages.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "core/result.h"

namespace etguard {

// The document of `path`; `what_en`/`what_zh` name the file in the message
// when it cannot be read ("the rules file" / "規則檔").
Result<YAML::Node> load_yaml_file(const std::string& path, std::string_view what_en,
                                  std::string_view what_zh);

// An input error at `mark` of `path`.
Error yaml_error(const std::string& path, const YAML::Mark& mark, const std::string& en,
                 const std::string& zh);

}  // namespace etguard
