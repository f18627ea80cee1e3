// Reads one YAML file of the catalog into arena-owned values, recording every
// problem (with its line and column) instead of stopping at the first.
// Nothing here throws: problems are recorded, never raised.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/loader/arena.h"
#include "core/problems.h"
#include "core/yaml_node.h"

namespace etguard::catalog {

class YamlReader {
 public:
  // `file` is the path as it appears in messages (relative to the catalog).
  YamlReader(std::string file, Arena& arena, std::vector<Problem>& problems);

  // Parses `path`; on a syntax error records it and returns nullopt.
  std::optional<YamlNode> parse(const std::filesystem::path& path);
  // Parses a document held in memory (problems name `file` all the same).
  std::optional<YamlNode> parse_text(const std::string& content);

  Location at(const YamlNode& node) const;
  void problem(const YamlNode& node, std::string code, std::string message);

  // Checks that `node` is a mapping whose keys are all in `allowed` and none
  // repeats; `what` names it in messages ("node ET-8.3.5").
  bool expect_map(const YamlNode& node, std::initializer_list<std::string_view> allowed,
                  std::string_view what);
  bool expect_sequence(const YamlNode& node, std::string_view what);

  // A non-empty string value; records "missing-key" when required and absent.
  std::string_view text(const YamlNode& map, const char* key, bool required, std::string_view what);
  int integer(const YamlNode& map, const char* key, bool required, std::string_view what);
  // A sequence of strings (block or flow); empty when absent.
  std::span<const std::string_view> strings(const YamlNode& map, const char* key,
                                            std::string_view what);
  // `<base>_zh` and `<base>_en` together: both or (when optional) neither.
  Text bilingual(const YamlNode& map, std::string_view base, bool required, std::string_view what);

  Arena& arena() { return arena_; }
  const std::string& file() const { return file_; }

 private:
  std::optional<std::string> scalar(const YamlNode& value, const char* key, std::string_view what);

  std::string file_;
  Arena& arena_;
  std::vector<Problem>& problems_;
};

}  // namespace etguard::catalog
