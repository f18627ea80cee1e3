// etguard-cloud-mapc: validates the cloud posture mappings and compiles them.
//
//   etguard-cloud-mapc --out cloud_mappings.cc src/cloud/mappings/prowler.yaml
//
// Each mapping names its tool (a cloud::Tool) and its tool's published check
// list (`check_list`, beside it: "provider check_id" lines). Every check id
// must be in that list; every clause must exist in the embedded catalog and
// belong to the check's topic (cloud/topics.h); `coverage` is partial or full.
// Exit 0 when every mapping is valid, 1 with every problem printed as
// file:line:column: code: message, 2 on usage errors.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "catalog/data/embedded.h"
#include "cloud/topics.h"
#include "core/atomic_file.h"
#include "core/text.h"
#include "core/yaml_file.h"

namespace {

using etguard::YamlMark;
using etguard::YamlNode;

struct Entry {
  std::string check_id;
  std::string topic;  // Topic's enumerator name
  std::string clauses;
  bool full = false;
};

// One rule of a rules file (etguard.cloud-rules).
struct Rule {
  std::string id;
  std::string resource;
  std::string attribute;
  std::string condition;  // Condition's enumerator name
  std::string expected;
  std::string en;
  std::string zh;
};

struct Mapping {
  std::string tool;  // "prowler", "terraform"
  std::vector<Entry> entries;
  std::vector<Rule> rules;  // a rules file's, sorted by resource type
};

// A C++ string literal's body.
std::string escaped(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

std::string enumerator(std::string_view name) {
  std::string out = "k";
  bool upper = true;
  for (const char c : name) {
    if (c == '_' || c == '-') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

std::set<std::string, std::less<>> read_check_list(const std::filesystem::path& path,
                                                   std::vector<std::string>& problems) {
  std::set<std::string, std::less<>> ids;
  std::ifstream in(path);
  if (!in) {
    problems.push_back(fmt::format("{}: cannot read the tool's check list", path.string()));
    return ids;
  }
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#') {
      continue;
    }
    std::istringstream words(line);
    std::string provider;
    std::string id;
    words >> provider >> id;
    ids.insert(id.empty() ? provider : id);
  }
  return ids;
}

std::vector<std::string> split(std::string_view text) {
  std::vector<std::string> words;
  std::istringstream in{std::string(text)};
  std::string word;
  while (in >> word) {
    words.push_back(word);
  }
  return words;
}

using At = std::function<void(const YamlMark&, std::string_view, const std::string&)>;

// The topic and clauses of one mapped check or rule, checked against the
// catalog and the topic's list; `entry` is filled.
void read_topic(const YamlNode& value, Entry& entry, const At& at) {
  const etguard::catalog::Catalog& catalog = etguard::catalog::embedded_catalog();
  const auto topic = etguard::cloud::topic_named(value["topic"].scalar());
  if (!topic) {
    at(value.mark(), "unknown-topic",
       fmt::format("topic '{}' is none of encryption, keys, access, logging, threats, posture, "
                   "backup, location",
                   value["topic"].scalar()));
    return;
  }
  const etguard::cloud::TopicInfo& info = etguard::cloud::topic_info(*topic);
  entry.topic = enumerator(info.name);
  const std::vector<std::string> allowed = split(info.clauses);
  std::string joined;
  for (const YamlNode& clause : value["clauses"].items()) {
    const std::string id(clause.scalar());
    if (catalog.node(id) == nullptr) {
      at(clause.mark(), "unknown-clause", fmt::format("'{}' is not in the catalog", id));
    } else if (std::ranges::find(allowed, id) == allowed.end()) {
      at(clause.mark(), "clause-outside-topic",
         fmt::format("'{}' is not one of topic {}'s clauses ({})", id, info.name, info.clauses));
    }
    joined += (joined.empty() ? "" : " ") + id;
  }
  if (joined.empty()) {
    at(value.mark(), "missing-key", fmt::format("'{}' maps to no clause", entry.check_id));
  }
  entry.clauses = joined;
}

// A rules file: each rule's resource, attribute and one condition.
void read_rules(const YamlNode& root, Mapping& mapping, const At& at) {
  std::set<std::string, std::less<>> ids;
  for (const YamlNode& value : root["rules"].items()) {
    Rule rule{std::string(value["id"].scalar()),
              std::string(value["resource"].scalar()),
              std::string(value["attribute"].scalar()),
              {},
              {},
              std::string(value["en"].scalar()),
              std::string(value["zh"].scalar())};
    for (const auto& [field, ignored] : value.entries()) {
      static const std::set<std::string_view> known_keys{
          "id",      "resource", "attribute",     "equals", "one_of",  "none_of", "at_least",
          "present", "image",    "referenced_by", "topic",  "clauses", "en",      "zh"};
      if (!known_keys.contains(field.scalar())) {
        at(field.mark(), "unknown-key", fmt::format("unknown key '{}'", field.scalar()));
      }
    }
    const bool relational = static_cast<bool>(value["referenced_by"]);
    if (rule.id.empty() || rule.resource.empty() || (rule.attribute.empty() && !relational) ||
        rule.en.empty() || rule.zh.empty()) {
      at(value.mark(), "missing-key", "a rule needs id, resource, attribute, en and zh");
    }
    if (!rule.id.starts_with(rule.resource + ".")) {
      at(value["id"].mark(), "bad-id",
         fmt::format("rule id '{}' must begin with its resource type '{}.'", rule.id,
                     rule.resource));
    }
    if (!ids.insert(rule.id).second) {
      at(value["id"].mark(), "duplicate-id", fmt::format("rule '{}' is given twice", rule.id));
    }
    int conditions = 0;
    for (const auto& [key, name] :
         {std::pair{"equals", "kEquals"}, std::pair{"one_of", "kOneOf"},
          std::pair{"none_of", "kNoneOf"}, std::pair{"at_least", "kAtLeast"},
          std::pair{"present", "kPresent"}}) {
      if (value[key]) {
        ++conditions;
        rule.condition = name;
        rule.expected = std::string(value[key].scalar());
      }
    }
    if (relational) {
      ++conditions;
      rule.condition = "kReferencedBy";
      rule.expected = std::string(value["referenced_by"].scalar());
      if (mapping.tool != "terraform") {
        at(value["referenced_by"].mark(), "bad-condition",
           "referenced_by is read from a Terraform plan's configuration only");
      }
    }
    if (const YamlNode image = value["image"]; image) {
      ++conditions;
      rule.condition = image.scalar() == "trusted_registry" ? "kTrustedRegistry"
                       : image.scalar() == "pinned"         ? "kDigestPinned"
                                                            : "";
      if (rule.condition.empty()) {
        at(image.mark(), "bad-value",
           fmt::format("image '{}' is neither trusted_registry nor pinned", image.scalar()));
      }
    }
    if (conditions != 1) {
      at(value.mark(), "bad-condition",
         fmt::format("rule '{}' needs exactly one of equals, one_of, none_of, at_least, present, "
                     "image, referenced_by",
                     rule.id));
    }
    if (rule.condition == "kAtLeast" && !etguard::yaml_number(value["at_least"])) {
      at(value["at_least"].mark(), "bad-value", "at_least must be a number");
    }
    Entry entry{rule.id, {}, {}, false};
    read_topic(value, entry, at);
    mapping.entries.push_back(std::move(entry));
    mapping.rules.push_back(std::move(rule));
  }
  std::ranges::stable_sort(mapping.rules, {}, &Rule::resource);
}

// The mapping of `path`, or nothing with its problems appended.
Mapping read_mapping(const std::string& path, std::vector<std::string>& problems) {
  Mapping mapping;
  auto root = etguard::load_yaml_file(path, "the mapping", "對應檔");
  if (!root) {
    problems.push_back(root.error().message);
    return mapping;
  }
  const auto at = [&](const YamlMark& mark, std::string_view code, const std::string& message) {
    problems.push_back(
        fmt::format("{}:{}:{}: {}: {}", path, mark.line + 1, mark.column + 1, code, message));
  };
  for (const auto& [key, value] : root->entries()) {
    const std::string_view name = key.scalar();
    if (name != "format" && name != "format_version" && name != "tool" && name != "check_list" &&
        name != "checks" && name != "rules") {
      at(key.mark(), "unknown-key", fmt::format("unknown key '{}'", name));
    }
  }
  const std::string_view format = (*root)["format"].scalar();
  if ((format != "etguard.cloud-mapping" && format != "etguard.cloud-rules") ||
      (*root)["format_version"].scalar() != "1.0") {
    at(root->mark(), "bad-value",
       "format must be etguard.cloud-mapping or etguard.cloud-rules, format_version \"1.0\"");
  }
  mapping.tool = std::string((*root)["tool"].scalar());
  constexpr std::array<std::string_view, 8> kTools{
      "prowler",        "security_hub", "checkov",      "terraform",
      "cloudformation", "trivy",        "azure_policy", "security_command_center"};
  if (std::ranges::find(kTools, mapping.tool) == kTools.end()) {
    at((*root)["tool"].mark(), "unknown-tool",
       fmt::format("tool '{}' is not one etguard reads ({})", mapping.tool,
                   fmt::join(kTools, ", ")));
  }
  if (format == "etguard.cloud-rules") {
    read_rules(*root, mapping, at);
    std::ranges::sort(mapping.entries, {}, &Entry::check_id);
    return mapping;
  }
  const auto list_path =
      std::filesystem::path(path).parent_path() / std::string((*root)["check_list"].scalar());
  const auto known = read_check_list(list_path, problems);
  for (const auto& [key, value] : (*root)["checks"].entries()) {
    Entry entry{std::string(key.scalar()), {}, {}, false};
    if (!known.contains(entry.check_id)) {
      at(key.mark(), "unknown-check",
         fmt::format("'{}' is not in {}'s published checks ({})", entry.check_id, mapping.tool,
                     list_path.filename().string()));
    }
    read_topic(value, entry, at);
    const std::string_view coverage = value["coverage"].scalar();
    if (!coverage.empty() && coverage != "partial" && coverage != "full") {
      at(value["coverage"].mark(), "bad-value",
         fmt::format("coverage '{}' is neither partial nor full", coverage));
    }
    entry.full = coverage == "full";
    for (const auto& [field, ignored] : value.entries()) {
      if (field.scalar() != "topic" && field.scalar() != "clauses" &&
          field.scalar() != "coverage") {
        at(field.mark(), "unknown-key", fmt::format("unknown key '{}'", field.scalar()));
      }
    }
    mapping.entries.push_back(std::move(entry));
  }
  std::ranges::sort(mapping.entries, {}, &Entry::check_id);
  return mapping;
}

std::string emit(const std::vector<Mapping>& mappings) {
  std::string out =
      "// Generated by etguard-cloud-mapc from src/cloud/mappings/*.yaml. Do not edit.\n"
      "#include \"cloud/mapping.h\"\n\nnamespace etguard::cloud {\nnamespace {\n\n";
  for (const Mapping& mapping : mappings) {
    out += fmt::format("constexpr MappedCheck {}[] = {{\n", enumerator(mapping.tool));
    for (const Entry& entry : mapping.entries) {
      out += fmt::format("    {{\"{}\", Topic::{}, \"{}\", {}}},\n", entry.check_id, entry.topic,
                         entry.clauses, entry.full ? "true" : "false");
    }
    out += "};\n\n";
  }
  for (const Mapping& mapping : mappings) {
    if (mapping.rules.empty()) {
      continue;
    }
    out += fmt::format("constexpr IacRule {}Rules[] = {{\n", enumerator(mapping.tool));
    for (const Rule& rule : mapping.rules) {
      out +=
          fmt::format("    {{\"{}\", \"{}\", \"{}\", Condition::{}, \"{}\", \"{}\", \"{}\"}},\n",
                      escaped(rule.id), escaped(rule.resource), escaped(rule.attribute),
                      rule.condition, escaped(rule.expected), escaped(rule.en), escaped(rule.zh));
    }
    out += "};\n\n";
  }
  out += "}  // namespace\n\n";
  out += "std::span<const IacRule> rules_of(Tool tool) {\n";
  for (const Mapping& mapping : mappings) {
    if (!mapping.rules.empty()) {
      out += fmt::format("  if (tool == Tool::{0}) {{\n    return {0}Rules;\n  }}\n",
                         enumerator(mapping.tool));
    }
  }
  out += "  return {};\n}\n\n";
  out += "std::span<const MappedCheck> mapping_of(Tool tool) {\n  switch (tool) {\n";
  for (const Mapping& mapping : mappings) {
    out += fmt::format("    case Tool::{0}:\n      return {0};\n", enumerator(mapping.tool));
  }
  out += "  }\n  return {};\n}\n\n}  // namespace etguard::cloud\n";
  return out;
}

int run(int argc, char** argv) {
  CLI::App app{"Validate the cloud posture mappings and compile them to C++ tables."};
  std::string out;
  std::vector<std::string> files;
  app.add_option("--out", out, "C++ file to write; without it, validate only");
  app.add_option("mappings", files, "mapping YAML files")->required();
  CLI11_PARSE(app, argc, argv);
  std::vector<std::string> problems;
  std::vector<Mapping> mappings;
  mappings.reserve(files.size());
  for (const std::string& file : files) {
    mappings.push_back(read_mapping(file, problems));
  }
  if (!problems.empty()) {
    std::cerr << "etguard-cloud-mapc: " << problems.size() << " problem(s):\n";
    for (const std::string& problem : problems) {
      std::cerr << problem << '\n';
    }
    return 1;
  }
  if (!out.empty()) {
    if (auto written = etguard::write_file_atomically(out, emit(mappings)); !written) {
      std::cerr << "etguard-cloud-mapc: " << written.error().message << '\n';
      return 1;
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& problem) {
    std::cerr << "etguard-cloud-mapc: " << problem.what() << '\n';
    return 2;
  }
}
