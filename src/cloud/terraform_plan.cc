#include "cloud/terraform_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cloud/json_values.h"
#include "cloud/mapping.h"
#include "core/digest.h"

namespace etguard::cloud {
namespace {

using nlohmann::json;

constexpr std::uintmax_t kLargestPlan = std::uintmax_t{512} << 20U;

// The node at a dotted path ("settings.0.ip_configuration"); nullptr when absent.
const json* at_path(const json& root, std::string_view path) {
  const json* node = &root;
  while (!path.empty()) {
    const std::size_t dot = path.find('.');
    const std::string_view part = path.substr(0, dot);
    path.remove_prefix(dot == std::string_view::npos ? path.size() : dot + 1);
    std::size_t index = 0;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), index);
    if (node->is_array() && error == std::errc() && end == part.data() + part.size()) {
      if (index >= node->size()) {
        return nullptr;
      }
      node = &(*node)[index];
    } else if (node->is_object()) {
      const auto found = node->find(part);
      if (found == node->end()) {
        return nullptr;
      }
      node = &*found;
    } else {
      return nullptr;
    }
  }
  return node;
}

// Whether `path` (or a block above it) is known only after apply.
bool unknown_at(const json* after_unknown, std::string_view path) {
  if (after_unknown == nullptr) {
    return false;
  }
  for (std::size_t end = path.find('.');; end = path.find('.', end + 1)) {
    const json* node = at_path(*after_unknown, path.substr(0, end));
    if (node != nullptr && node->is_boolean() && node->get<bool>()) {
      return true;
    }
    if (end == std::string_view::npos) {
      return false;
    }
  }
}

// A string member of an object; "" when the node is no object or the member
// no string (a plan is outside input: its shape is checked, never assumed).
std::string string_at(const json& node, const char* key) {
  if (!node.is_object()) {
    return {};
  }
  const auto found = node.find(key);
  return found != node.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// The elements of an array member; an empty list for any other shape.
const json& array_at(const json& node, const char* key) {
  static const json none = json::array();
  if (!node.is_object()) {
    return none;
  }
  const auto found = node.find(key);
  return found != node.end() && found->is_array() ? *found : none;
}

std::string text_of(const json& value) {
  if (value.is_string()) {
    return value.get<std::string>();
  }
  return value.dump();
}

// Set, and not to an empty string, list or block (json::empty() is false for "").
bool present(const json* value) {
  if (value == nullptr || value->is_null()) {
    return false;
  }
  if (value->is_string()) {
    return !value->get_ref<const std::string&>().empty();
  }
  return !((value->is_array() || value->is_object()) && value->empty());
}

bool holds(const IacRule& rule, const json* value) {
  switch (rule.condition) {
    case Condition::kPresent:
      return present(value);
    case Condition::kEquals:
      return present(value) && text_of(*value) == rule.expected;
    case Condition::kOneOf: {
      if (!present(value)) {
        return false;
      }
      const std::string text = text_of(*value);
      std::string_view options = rule.expected;
      while (!options.empty()) {
        const std::size_t bar = options.find('|');
        if (options.substr(0, bar) == text) {
          return true;
        }
        options.remove_prefix(bar == std::string_view::npos ? options.size() : bar + 1);
      }
      return false;
    }
    case Condition::kAtLeast: {
      double floor = 0;
      std::from_chars(rule.expected.data(), rule.expected.data() + rule.expected.size(), floor);
      return value != nullptr && value->is_number() && value->get<double>() >= floor;
    }
  }
  return false;
}

std::string lower(std::string text) {
  std::ranges::transform(text, text.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// A provider's constant setting; the key of an aliased provider has a dot
// ("aws.tokyo"), so it is looked up whole, not as a path.
std::string constant(const json& plan, std::string_view provider_key, const char* field) {
  const json* providers = at_path(plan, "configuration.provider_config");
  if (providers == nullptr || !providers->is_object()) {
    return {};
  }
  const auto provider = providers->find(provider_key);
  if (provider == providers->end()) {
    return {};
  }
  const json* value = at_path(*provider, fmt::format("expressions.{}.constant_value", field));
  return value != nullptr && value->is_string() ? value->get<std::string>() : std::string();
}

// Where a resource is: its own region or location, else its provider's region.
std::string region_of(const json& plan, const json& resource, const json& values,
                      const std::map<std::string, std::string, std::less<>>& provider_keys) {
  for (const char* field : {"region", "location"}) {
    const auto found = values.find(field);
    if (found != values.end() && found->is_string() && !found->get<std::string>().empty()) {
      return lower(found->get<std::string>());
    }
  }
  const std::string type = string_at(resource, "type");
  const std::string provider = type.substr(0, type.find('_'));
  const auto key = provider_keys.find(string_at(resource, "address"));
  return lower(constant(plan, key != provider_keys.end() ? key->second : provider,
                        provider == "azurerm" ? "location" : "region"));
}

template <typename Visit>
void for_each_resource(const json& module, const Visit& visit) {
  for (const json& resource : array_at(module, "resources")) {
    if (string_at(resource, "mode") == "managed") {
      visit(resource);
    }
  }
  for (const json& child : array_at(module, "child_modules")) {
    for_each_resource(child, visit);
  }
}

Result<json> read_plan(const std::string& path, std::string& sha256) {
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error) {
    const ErrorKind kind =
        error == std::errc::no_such_file_or_directory ? ErrorKind::kNotFound : ErrorKind::kIo;
    return fail(kind, fmt::format("{}: cannot open: {}", path, error.message()),
                fmt::format("{}：無法開啟：{}", path, error.message()));
  }
  if (size > kLargestPlan) {
    return fail(ErrorKind::kInput,
                fmt::format("{}: a plan of {} bytes; etguard reads plans up to {} bytes", path,
                            size, kLargestPlan),
                fmt::format("{}：計畫檔 {} 位元組；etguard 可讀取之上限為 {} 位元組", path, size,
                            kLargestPlan));
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const std::string content = std::move(text).str();
  sha256 = to_hex(etguard::sha256(content));
  try {
    return json::parse(content);
  } catch (const json::parse_error& problem) {
    return json_input_error(path, problem.byte == 0 ? 0 : problem.byte - 1,
                            fmt::format("not valid JSON: {}", problem.what()),
                            fmt::format("不是有效的 JSON：{}", problem.what()));
  } catch (const json::exception& problem) {  // a number out of range: no byte offset
    return fail(ErrorKind::kInput, fmt::format("{}: not valid JSON: {}", path, problem.what()),
                fmt::format("{}：不是有效的 JSON：{}", path, problem.what()));
  }
}

}  // namespace

Result<PlanSummary> read_terraform_plan(const std::string& path, const PostureSink& sink) {
  PlanSummary summary;
  auto plan = read_plan(path, summary.sha256);
  if (!plan) {
    return std::unexpected(plan.error());
  }
  const json* version = at_path(*plan, "format_version");
  summary.format_version =
      version != nullptr && version->is_string() ? version->get<std::string>() : std::string();
  const json* root = at_path(*plan, "planned_values.root_module");
  if (root == nullptr || !root->is_object()) {
    return fail(ErrorKind::kInput,
                fmt::format("{}: no planned_values: not a Terraform plan (terraform show -json "
                            "PLANFILE)",
                            path),
                fmt::format("{}：缺少 planned_values：不是 Terraform 計畫（terraform show -json "
                            "PLANFILE）",
                            path));
  }
  if (!summary.format_version.starts_with("0.") && !summary.format_version.starts_with("1.")) {
    return fail(ErrorKind::kInput,
                fmt::format("{}: plan format_version '{}': etguard reads 0.x and 1.x (Terraform "
                            "0.12 and later)",
                            path, summary.format_version),
                fmt::format("{}：計畫格式版本 '{}'：etguard 可讀取 0.x 與 1.x（Terraform 0.12 "
                            "以後）",
                            path, summary.format_version));
  }
  summary.terraform_version = string_at(*plan, "terraform_version");
  std::map<std::string, const json*, std::less<>> unknowns;
  for (const json& change : array_at(*plan, "resource_changes")) {
    if (const json* after = at_path(change, "change.after_unknown"); after != nullptr) {
      unknowns.emplace(string_at(change, "address"), after);
    }
  }
  std::map<std::string, std::string, std::less<>> provider_keys;
  if (const json* configured = at_path(*plan, "configuration.root_module"); configured != nullptr) {
    for (const json& resource : array_at(*configured, "resources")) {
      provider_keys.emplace(string_at(resource, "address"),
                            string_at(resource, "provider_config_key"));
    }
  }
  const std::span<const IacRule> rules = terraform_rules();
  Status handed;
  for_each_resource(*root, [&](const json& resource) {
    if (!handed) {
      return;
    }
    ++summary.resources;
    const std::string type = string_at(resource, "type");
    const auto [first, last] =
        std::ranges::equal_range(rules, std::string_view(type), {}, &IacRule::resource_type);
    if (first == last) {
      ++summary.not_judged[type];
      return;
    }
    ++summary.judged;
    static const json no_values = json::object();
    const auto values_at = resource.find("values");
    const json& values =
        values_at != resource.end() && values_at->is_object() ? *values_at : no_values;
    const std::string address = string_at(resource, "address");
    const std::string region = region_of(*plan, resource, values, provider_keys);
    const auto unknown = unknowns.find(address);
    for (auto rule = first; rule != last && handed; ++rule) {
      const json* value = at_path(values, rule->attribute);
      PostureFinding finding;
      finding.check_id = rule->id;
      finding.provider = std::string_view(type).substr(0, type.find('_'));
      finding.region = region;
      finding.resource = address;
      finding.title = rule->en;
      if (!present(value) &&
          unknown_at(unknown == unknowns.end() ? nullptr : unknown->second, rule->attribute)) {
        finding.status = PostureStatus::kManual;
        ++summary.unknown;
      } else {
        finding.status = holds(*rule, value) ? PostureStatus::kPass : PostureStatus::kFail;
      }
      handed = sink(finding);
    }
  });
  if (!handed) {
    return std::unexpected(handed.error());
  }
  return summary;
}

}  // namespace etguard::cloud
