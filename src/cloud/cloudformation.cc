#include "cloud/cloudformation.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <vector>

#include "cloud/mapping.h"
#include "core/digest.h"
#include "core/yaml_file.h"

namespace etguard::cloud {
namespace {

std::unexpected<Error> refused(const std::string& path, const YamlMark& mark, const std::string& en,
                               const std::string& zh) {
  return fail(ErrorKind::kInput,
              fmt::format("{}:{}:{}: {}", path, mark.line + 1, mark.column + 1, en),
              fmt::format("{}:{}:{}：{}", path, mark.line + 1, mark.column + 1, zh));
}

// An intrinsic function: a short-form tag (!Ref, !Sub…) or a one-key mapping
// {"Ref": …} / {"Fn::GetAtt": …}. Its value is known only at deployment.
bool is_intrinsic(const YamlNode& node) {
  if (node.has_local_tag()) {
    return true;
  }
  if (!node.is_map() || node.size() != 1) {
    return false;
  }
  const std::string_view key = node.key(0).scalar();
  return key == "Ref" || key == "Condition" || key.starts_with("Fn::");
}

// The nodes at a dotted path of Properties
// ("BucketEncryption.ServerSideEncryptionConfiguration.0…": a number indexes a list, "*" takes each
// of its elements); an undefined node where absent. `intrinsic` is set when an intrinsic function
// stands on the way, so the value cannot be known.
void nodes_at(const YamlNode& root, std::string_view path, bool& intrinsic,
              std::vector<YamlNode>& out) {
  YamlNode node = root;
  while (!path.empty() && node.defined()) {
    if (is_intrinsic(node)) {
      intrinsic = true;
      return;
    }
    const std::size_t dot = path.find('.');
    const std::string_view part = path.substr(0, dot);
    path.remove_prefix(dot == std::string_view::npos ? path.size() : dot + 1);
    if (part == "*") {
      if (!node.is_sequence() || node.size() == 0) {
        out.emplace_back();
        return;
      }
      for (std::size_t i = 0; i < node.size(); ++i) {
        nodes_at(node.item(i), path, intrinsic, out);
      }
      return;
    }
    std::size_t index = 0;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), index);
    if (node.is_sequence() && error == std::errc() && end == part.data() + part.size()) {
      node = index < node.size() ? node.item(index) : YamlNode();
    } else {
      node = node[part];
    }
  }
  intrinsic = intrinsic || (node.defined() && is_intrinsic(node));
  out.push_back(node);
}

RuleValue rule_value(const YamlNode& node) {
  RuleValue value;
  if (!node.defined() || node.is_null()) {
    return value;
  }
  if (node.is_scalar()) {
    value.present = !node.scalar().empty();
    value.text = std::string(node.scalar());
    value.number = yaml_number(node);
    if (const auto flag = yaml_bool(node)) {
      value.text = *flag ? "true" : "false";  // True, TRUE: CloudFormation reads them alike
    }
  } else {
    value.present = node.size() > 0;
  }
  return value;
}

}  // namespace

Result<IacSummary> read_cloudformation(const std::string& path, const PostureSink& sink,
                                       const RuleContext& context) {
  IacSummary summary;
  auto digest = sha256_file(path);
  if (!digest) {
    return std::unexpected(digest.error());
  }
  summary.sha256 = to_hex(*digest);
  auto root = load_yaml_file(path, "the CloudFormation template", "CloudFormation 範本");
  if (!root) {
    return std::unexpected(root.error());
  }
  const YamlNode resources = (*root)["Resources"];
  if (!resources.is_map()) {
    return refused(path, root->mark(), "no Resources mapping: not a CloudFormation template",
                   "缺少 Resources 對應：不是 CloudFormation 範本");
  }
  summary.format_version = std::string((*root)["AWSTemplateFormatVersion"].scalar());
  const std::span<const IacRule> rules = rules_of(Tool::kCloudformation);
  for (const auto& [logical_id, resource] : resources.entries()) {
    const std::string type(resource["Type"].scalar());
    if (type.empty()) {
      return refused(path, logical_id.mark(),
                     fmt::format("resource '{}' has no Type", logical_id.scalar()),
                     fmt::format("資源 '{}' 缺少 Type", logical_id.scalar()));
    }
    ++summary.resources;
    const auto [first, last] =
        std::ranges::equal_range(rules, std::string_view(type), {}, &IacRule::resource_type);
    if (first == last) {
      ++summary.not_judged[type];
      continue;
    }
    ++summary.judged;
    const std::string name =
        fmt::format("{} (line {})", logical_id.scalar(), logical_id.mark().line + 1);
    const YamlNode properties = resource["Properties"];
    for (auto rule = first; rule != last; ++rule) {
      bool intrinsic = false;
      std::vector<YamlNode> nodes;
      nodes_at(properties, rule->attribute, intrinsic, nodes);
      PostureFinding finding;
      finding.check_id = rule->id;
      finding.provider = "aws";
      finding.resource = name;
      finding.title = rule->en;
      if (intrinsic) {
        finding.status = PostureStatus::kManual;
        ++summary.unknown;
      } else if (!rule_judgeable(*rule, context)) {
        finding.status = PostureStatus::kManual;
        ++summary.unregistered;
      } else {
        std::vector<RuleValue> read;
        read.reserve(nodes.size());
        std::ranges::transform(nodes, std::back_inserter(read), rule_value);
        finding.status =
            rule_holds_all(*rule, read, context) ? PostureStatus::kPass : PostureStatus::kFail;
      }
      if (Status handed = sink(finding); !handed) {
        return std::unexpected(handed.error());
      }
    }
  }
  return summary;
}

}  // namespace etguard::cloud
