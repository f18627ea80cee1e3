#include "cloud/terraform_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <deque>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>

#include "cloud/json_document.h"
#include "cloud/mapping.h"
#include "core/text.h"

namespace etguard::cloud {
namespace {

using nlohmann::json;

constexpr std::uintmax_t kLargestPlan = std::uintmax_t{512} << 20U;

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

// The planned value as rules read it.
RuleValue rule_value(const json* value) {
  RuleValue read{.present = present(value)};
  if (read.present) {
    read.text = text_of(*value);
  }
  if (value != nullptr && value->is_number()) {
    read.number = value->get<double>();
  }
  return read;
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
      return ascii_lower(found->get<std::string>());
    }
  }
  const std::string type = string_at(resource, "type");
  const std::string provider = type.substr(0, type.find('_'));
  const auto key = provider_keys.find(string_at(resource, "address"));
  return ascii_lower(constant(plan, key != provider_keys.end() ? key->second : provider,
                              provider == "azurerm" ? "location" : "region"));
}

// The values at a rule's path: one node per match (nullptr where absent).
// "*" takes each element of a list, "@json" reads a string as JSON (kept in
// `parsed`); other parts are as at_path's.
void rule_nodes(const json& node, std::string_view path, std::vector<const json*>& out,
                std::deque<json>& parsed) {
  if (path.empty()) {
    out.push_back(&node);
    return;
  }
  const std::size_t dot = path.find('.');
  const std::string_view part = path.substr(0, dot);
  const std::string_view rest =
      dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  if (part == "*") {
    if (!node.is_array() || node.empty()) {
      out.push_back(nullptr);
      return;
    }
    for (const json& element : node) {
      rule_nodes(element, rest, out, parsed);
    }
    return;
  }
  if (part == "@json") {
    json decoded = node.is_string() ? json::parse(node.get_ref<const std::string&>(), nullptr,
                                                  /*allow_exceptions=*/false)
                                    : json(json::value_t::discarded);
    if (decoded.is_discarded()) {
      out.push_back(nullptr);
      return;
    }
    parsed.push_back(std::move(decoded));
    rule_nodes(parsed.back(), rest, out, parsed);
    return;
  }
  const json* child = at_path(node, part);
  if (child == nullptr) {
    out.push_back(nullptr);
    return;
  }
  rule_nodes(*child, rest, out, parsed);
}

// The part of a rule's path before any "*" or "@json": what after_unknown can tell.
std::string_view known_prefix(std::string_view path) {
  const std::size_t cut = std::min(path.find(".*"), path.find(".@json"));
  return path.substr(0, cut);
}

// What refers to what in the plan's configuration: "ADDRESS|TYPE.ATTRIBUTE"
// for each resource (by its configuration address, module path included)
// that a resource of TYPE refers to in ATTRIBUTE's expression.
using References = std::set<std::string, std::less<>>;

void collect_references(const json& module, const std::string& prefix, References& out) {
  for (const json& resource : array_at(module, "resources")) {
    const std::string type = string_at(resource, "type");
    const json* expressions = at_path(resource, "expressions");
    if (expressions == nullptr || !expressions->is_object()) {
      continue;
    }
    for (const auto& [attribute, expression] : expressions->items()) {
      for (const json& reference : array_at(expression, "references")) {
        if (!reference.is_string()) {
          continue;
        }
        // "aws_s3_bucket.data.id" refers to the resource "aws_s3_bucket.data".
        const std::string& text = reference.get_ref<const std::string&>();
        const std::size_t first = text.find('.');
        const std::size_t second = text.find('.', first + 1);
        if (first == std::string::npos || text.starts_with("var.") || text.starts_with("local.") ||
            text.starts_with("data.") || text.starts_with("module.")) {
          continue;
        }
        out.insert(fmt::format("{}{}|{}.{}", prefix, text.substr(0, second), type, attribute));
      }
    }
  }
  if (const json* calls = at_path(module, "module_calls"); calls != nullptr && calls->is_object()) {
    for (const auto& [name, call] : calls->items()) {
      if (const json* child = at_path(call, "module"); child != nullptr) {
        collect_references(*child, fmt::format("{}module.{}.", prefix, name), out);
      }
    }
  }
}

// A planned address without its instance keys: "module.a[0].x.y[\"k\"]" is
// configured as "module.a.x.y".
std::string configured_address(std::string_view address) {
  std::string out;
  int depth = 0;
  for (const char c : address) {
    depth += c == '[' ? 1 : 0;
    if (depth == 0) {
      out += c;
    }
    depth -= c == ']' && depth > 0 ? 1 : 0;
  }
  return out;
}

// Whether another resource of the plan speaks to `address` as `expected`
// asks ("TYPE.ATTRIBUTE|TYPE…", Condition::kReferencedBy): a TYPE alone
// counts when a resource of that type passes every rule of its own.
bool referenced(std::string_view expected, const std::string& address, const References& references,
                const std::set<std::string, std::less<>>& passing_types) {
  const std::string configured = configured_address(address);
  while (!expected.empty()) {
    const std::size_t bar = expected.find('|');
    const std::string_view option = expected.substr(0, bar);
    expected.remove_prefix(bar == std::string_view::npos ? expected.size() : bar + 1);
    const bool by_type = option.find('.') == std::string_view::npos;
    if (by_type ? passing_types.contains(option)
                : references.contains(fmt::format("{}|{}", configured, option))) {
      return true;
    }
  }
  return false;
}

enum class Outcome : std::uint8_t { kPass, kFail, kUnknown, kUnregistered };

// One rule on one resource's planned values (`after_unknown`: its change's,
// or nullptr).
Outcome judge_values(const IacRule& rule, const json& values, const json* after_unknown,
                     const RuleContext& context) {
  std::vector<const json*> nodes;
  std::deque<json> parsed;
  rule_nodes(values, rule.attribute, nodes, parsed);
  if (std::ranges::none_of(nodes, present) &&
      unknown_at(after_unknown, known_prefix(rule.attribute))) {
    return Outcome::kUnknown;
  }
  if (!rule_judgeable(rule, context)) {
    return Outcome::kUnregistered;
  }
  std::vector<RuleValue> read;
  read.reserve(nodes.size());
  std::ranges::transform(nodes, std::back_inserter(read), rule_value);
  return rule_holds_all(rule, read, context) ? Outcome::kPass : Outcome::kFail;
}

const json& values_of(const json& resource) {
  static const json no_values = json::object();
  const auto values = resource.find("values");
  return values != resource.end() && values->is_object() ? *values : no_values;
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

}  // namespace

Result<IacSummary> read_terraform_plan(const std::string& path, const PostureSink& sink,
                                       const RuleContext& context) {
  IacSummary summary;
  auto plan = read_json_document(path, kLargestPlan, "a plan", "計畫檔", summary.sha256);
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
  summary.tool_version = string_at(*plan, "terraform_version");
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
  References references;
  if (const json* configured = at_path(*plan, "configuration.root_module"); configured != nullptr) {
    collect_references(*configured, "", references);
  }
  const std::span<const IacRule> rules = rules_of(Tool::kTerraform);
  const auto after_unknown = [&](const std::string& address) -> const json* {
    const auto found = unknowns.find(address);
    return found == unknowns.end() ? nullptr : found->second;
  };
  // The types a relational rule names alone ("TYPE", not "TYPE.ATTRIBUTE"),
  // and of those the ones with a resource that passes every rule of its own
  // (an account-wide S3 public access block speaks for every bucket): only
  // their resources are judged ahead.
  std::set<std::string_view, std::less<>> speaking_types;
  for (const IacRule& rule : rules) {
    for (std::string_view options = rule.expected;
         rule.condition == Condition::kReferencedBy && !options.empty();) {
      const std::size_t bar = options.find('|');
      if (const std::string_view option = options.substr(0, bar);
          option.find('.') == std::string_view::npos) {
        speaking_types.insert(option);
      }
      options.remove_prefix(bar == std::string_view::npos ? options.size() : bar + 1);
    }
  }
  std::set<std::string, std::less<>> passing_types;
  for_each_resource(*root, [&](const json& resource) {
    const std::string type = string_at(resource, "type");
    if (!speaking_types.contains(type) || passing_types.contains(type)) {
      return;
    }
    const auto [first, last] =
        std::ranges::equal_range(rules, std::string_view(type), {}, &IacRule::resource_type);
    const std::string address = string_at(resource, "address");
    if (first != last && std::all_of(first, last, [&](const IacRule& rule) {
          return rule.condition == Condition::kReferencedBy ||
                 judge_values(rule, values_of(resource), after_unknown(address), context) ==
                     Outcome::kPass;
        })) {
      passing_types.insert(type);
    }
  });
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
    const json& values = values_of(resource);
    const std::string address = string_at(resource, "address");
    const std::string region = region_of(*plan, resource, values, provider_keys);
    for (auto rule = first; rule != last && handed; ++rule) {
      PostureFinding finding;
      finding.check_id = rule->id;
      finding.provider = std::string_view(type).substr(0, type.find('_'));
      finding.region = region;
      finding.resource = address;
      finding.title = rule->en;
      const Outcome outcome =
          rule->condition == Condition::kReferencedBy
              ? (referenced(rule->expected, address, references, passing_types) ? Outcome::kPass
                                                                                : Outcome::kFail)
              : judge_values(*rule, values, after_unknown(address), context);
      finding.status = outcome == Outcome::kPass   ? PostureStatus::kPass
                       : outcome == Outcome::kFail ? PostureStatus::kFail
                                                   : PostureStatus::kManual;
      summary.unknown += outcome == Outcome::kUnknown ? 1 : 0;
      summary.unregistered += outcome == Outcome::kUnregistered ? 1 : 0;
      handed = sink(finding);
    }
  });
  if (!handed) {
    return std::unexpected(handed.error());
  }
  return summary;
}

}  // namespace etguard::cloud
