#include "catalog/loader/yaml_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "core/atomic_file.h"
#include "core/text.h"
#include "core/yaml_file.h"

namespace etguard::catalog {

YamlReader::YamlReader(std::string file, Arena& arena, std::vector<Problem>& problems)
    : file_(std::move(file)), arena_(arena), problems_(problems) {}

std::optional<YamlNode> YamlReader::parse(const std::filesystem::path& path) {
  auto content = read_file(path);
  if (!content) {
    problems_.push_back({{file_, 0, 0}, "unreadable-file", "cannot open the file"});
    return std::nullopt;
  }
  return parse_text(*content);
}

std::optional<YamlNode> YamlReader::parse_text(const std::string& content) {
  YamlDocument document = parse_yaml_document(content);
  for (const YamlIssue& issue : document.issues) {
    problems_.push_back(
        {{file_, issue.mark.line + 1, issue.mark.column + 1}, issue.code, issue.en});
  }
  if (!document.issues.empty()) {
    return std::nullopt;
  }
  return document.root;
}

Location YamlReader::at(const YamlNode& node) const {
  if (!node.defined()) {  // an absent key has no position
    return {file_, 0, 0};
  }
  const YamlMark mark = node.mark();
  return {file_, mark.line + 1, mark.column + 1};
}

void YamlReader::problem(const YamlNode& node, std::string code, std::string message) {
  problems_.push_back({at(node), std::move(code), std::move(message)});
}

bool YamlReader::expect_map(const YamlNode& node, std::initializer_list<std::string_view> allowed,
                            std::string_view what) {
  if (!node.is_map()) {
    problem(node, "bad-type", fmt::format("{} must be a mapping", what));
    return false;
  }
  // Keys given twice were refused with the whole document (parse_yaml_document).
  for (const auto& entry : node.entries()) {
    const auto key = std::string(entry.key.scalar());
    if (std::ranges::find(allowed, key) == allowed.end()) {
      problem(entry.key, "unknown-key",
              fmt::format("{} has the unknown key '{}' (allowed: {})", what, key,
                          fmt::join(allowed, ", ")));
    }
  }
  return true;
}

bool YamlReader::expect_sequence(const YamlNode& node, std::string_view what) {
  if (!node.is_sequence()) {
    problem(node, "bad-type", fmt::format("{} must be a list", what));
    return false;
  }
  return true;
}

std::optional<std::string> YamlReader::scalar(const YamlNode& value, const char* key,
                                              std::string_view what) {
  if (!value.is_scalar()) {
    problem(value, "bad-type", fmt::format("{}: '{}' must be a single value", what, key));
    return std::nullopt;
  }
  return std::string(value.scalar());
}

std::string_view YamlReader::text(const YamlNode& map, const char* key, bool required,
                                  std::string_view what) {
  const YamlNode value = map[key];
  if (!value.defined()) {
    if (required) {
      problem(map, "missing-key", fmt::format("{} lacks '{}'", what, key));
    }
    return {};
  }
  const auto content = scalar(value, key, what);
  if (!content) {
    return {};
  }
  const std::string_view trimmed = trim(*content);
  if (trimmed.empty()) {
    problem(value, "empty-value", fmt::format("{}: '{}' is empty", what, key));
    return {};
  }
  if (trimmed.size() != content->size()) {
    problem(value, "bad-value", fmt::format("{}: '{}' has leading or trailing spaces", what, key));
  }
  if (const auto unsafe = unsafe_character_in(trimmed)) {
    problem(value, "bad-character",
            fmt::format("{}: '{}' holds {}", what, key, describe(*unsafe, Lang::kEn)));
    return {};
  }
  return arena_.keep(std::string(trimmed));
}

int YamlReader::integer(const YamlNode& map, const char* key, bool required,
                        std::string_view what) {
  const YamlNode value = map[key];
  if (!value.defined()) {
    if (required) {
      problem(map, "missing-key", fmt::format("{} lacks '{}'", what, key));
    }
    return 0;
  }
  const auto content = scalar(value, key, what);
  if (!content) {
    return 0;
  }
  int number = 0;
  const auto [end, error] =
      std::from_chars(content->data(), content->data() + content->size(), number);
  if (error != std::errc{} || end != content->data() + content->size() || number <= 0) {
    problem(value, "bad-value",
            fmt::format("{}: '{}' must be a positive whole number, not '{}'", what, key, *content));
    return 0;
  }
  return number;
}

std::span<const std::string_view> YamlReader::strings(const YamlNode& map, const char* key,
                                                      std::string_view what) {
  const YamlNode value = map[key];
  if (!value.defined()) {
    return {};
  }
  if (!expect_sequence(value, fmt::format("{}: '{}'", what, key))) {
    return {};
  }
  std::vector<std::string_view> items;
  for (const YamlNode& item : value.items()) {
    const auto content = scalar(item, key, what);
    if (!content) {
      continue;
    }
    if (trim(*content).empty()) {
      problem(item, "empty-value", fmt::format("{}: '{}' has an empty entry", what, key));
      continue;
    }
    if (std::ranges::find(items, std::string_view(*content)) != items.end()) {
      problem(item, "duplicate-value",
              fmt::format("{}: '{}' lists '{}' twice", what, key, *content));
      continue;
    }
    items.push_back(arena_.keep(*content));
  }
  if (items.empty()) {
    problem(value, "empty-value", fmt::format("{}: '{}' is an empty list; omit it", what, key));
  }
  return arena_.keep(std::move(items));
}

Text YamlReader::bilingual(const YamlNode& map, std::string_view base, bool required,
                           std::string_view what) {
  const std::string zh_key = std::string(base) + "_zh";
  const std::string en_key = std::string(base) + "_en";
  const bool has_zh = map[zh_key].defined();
  const bool has_en = map[en_key].defined();
  if (has_zh != has_en) {
    problem(map, "missing-translation",
            fmt::format("{} has '{}' but not '{}'", what, has_zh ? zh_key : en_key,
                        has_zh ? en_key : zh_key));
  }
  return Text{text(map, zh_key.c_str(), required, what), text(map, en_key.c_str(), required, what)};
}

}  // namespace etguard::catalog
