#include "pii/genai_rules.h"

#include <fmt/format.h>
#include <fnmatch.h>

#include <algorithm>

#include "core/yaml_file.h"
#include "pii/types.h"

namespace etguard::pii {
namespace {

constexpr std::string_view kDefaultRules =
    R"(# etguard scan genai-log rules (Art. 53(2)): what may not be sent to generative AI.
# Built-in personal-data types are always looked for (national and resident IDs,
# phones, e-mail, cards, bank and securities accounts, ROC birth dates, IPv4,
# ...; docs/pii-scanner.md); list the ones not to report under 'ignore'.
version: 1
ignore: []
# Closed models run on premises (the clause's proviso): prompts to them are
# reported but do not fail the check. Globs over the model name and over the
# host of the request's endpoint.
on_premises:
  models: []
  hosts: []
# Extra detectors, in the format of `etguard scan pii --rules`
# (vectorscan syntax; a value glued to more letters or digits is not one).
detectors:
  - name: CLASSIFICATION_LABEL   # a document's classification marking
    pattern: '(?:極機密|絕對機密|機密|限閱|密件|內部使用|僅供內部|(?i:strictly confidential|confidential|internal use only|for internal use))'
  - name: PRIVATE_KEY
    pattern: '-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----'
  - name: AWS_ACCESS_KEY
    pattern: '(?:AKIA|ASIA)[0-9A-Z]{16}'
  - name: GITHUB_TOKEN
    pattern: '(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,})'
  - name: API_KEY                # OpenAI- and Anthropic-style secret keys
    pattern: 'sk-(?:ant-|proj-)?[A-Za-z0-9_-]{32,}'
  - name: GOOGLE_API_KEY
    pattern: 'AIza[0-9A-Za-z_-]{35}'
  - name: SLACK_TOKEN
    pattern: 'xox[abprs]-[A-Za-z0-9-]{10,}'
  - name: JWT
    pattern: 'eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}'
  - name: PASSWORD               # password=..., 密碼：...
    pattern: '(?i:password|passwd|pwd|passphrase|密碼|口令)\s{0,3}[:=：]\s{0,3}[^\s"''<>(),;]{4,64}'
  - name: CONNECTION_STRING      # scheme://user:password@host
    pattern: '[a-z][a-z0-9+.-]{1,20}://[^\s/:@]+:[^\s/@]+@'
)";

Status read_globs(const std::string& path, const YamlNode& node, std::vector<std::string>& into) {
  if (!node) {
    return {};
  }
  if (!node.is_sequence()) {
    return std::unexpected(
        yaml_error(path, node.mark(), "expected a list of globs", "應為樣式清單"));
  }
  for (const YamlNode& item : node.items()) {
    auto text = yaml_as_text(path, item);
    if (!text) {
      return std::unexpected(text.error());
    }
    into.push_back(std::move(*text));
  }
  return {};
}

bool builtin_type(std::string_view name) {
  for (int i = 0; i < kBuiltinTypeCount; ++i) {
    if (type_name(static_cast<PiiType>(i)) == name) {
      return true;
    }
  }
  return false;
}

bool glob_match(const std::vector<std::string>& globs, std::string_view text) {
  const std::string subject(text);
  return std::ranges::any_of(globs, [&](const std::string& glob) {
    return ::fnmatch(glob.c_str(), subject.c_str(), FNM_CASEFOLD) == 0;
  });
}

}  // namespace

std::string_view default_genai_rules_yaml() {
  return kDefaultRules;
}

namespace {

Result<GenaiRules> read_genai_rules(const std::string& source, const YamlNode& root) {
  if (!root.is_map()) {
    return std::unexpected(
        yaml_error(source, root.mark(), "expected a map of rules", "應為規則之對應表"));
  }
  if (auto known = yaml_known_keys(source, root, {"version", "ignore", "on_premises", "detectors"});
      !known) {
    return std::unexpected(known.error());
  }
  if (const YamlNode version = root["version"]) {
    const auto number = yaml_as_whole(source, version);
    if (!number) {
      return std::unexpected(number.error());
    }
    if (*number != 1) {
      return std::unexpected(yaml_error(source, version.mark(),
                                        fmt::format("version {} is not known; use 1", *number),
                                        fmt::format("未知的版本 {}；請用 1", *number)));
    }
  }
  GenaiRules rules;
  if (auto read = read_globs(source, root["ignore"], rules.ignore); !read) {
    return std::unexpected(read.error());
  }
  for (std::size_t i = 0; i < rules.ignore.size(); ++i) {
    if (!builtin_type(rules.ignore[i])) {
      return std::unexpected(yaml_error(
          source, root["ignore"].item(i).mark(),
          fmt::format("'{}' is not a built-in type (TW_NATIONAL_ID, EMAIL, IPV4, ...)",
                      rules.ignore[i]),
          fmt::format("'{}' 不是內建類型（TW_NATIONAL_ID、EMAIL、IPV4 等）", rules.ignore[i])));
    }
  }
  if (const YamlNode premises = root["on_premises"]; premises && !premises.is_null()) {
    if (!premises.is_map()) {
      return std::unexpected(yaml_error(source, premises.mark(),
                                        "'on_premises' must be a map of 'models' and 'hosts'",
                                        "on_premises 應為含 models 與 hosts 之對應表"));
    }
    if (auto known = yaml_known_keys(source, premises, {"models", "hosts"}); !known) {
      return std::unexpected(known.error());
    }
    if (auto read = read_globs(source, premises["models"], rules.on_premises_models); !read) {
      return std::unexpected(read.error());
    }
    if (auto read = read_globs(source, premises["hosts"], rules.on_premises_hosts); !read) {
      return std::unexpected(read.error());
    }
  }
  if (const YamlNode list = root["detectors"]; list && !list.is_null()) {
    auto detectors = read_detectors(source, list);
    if (!detectors) {
      return std::unexpected(detectors.error());
    }
    rules.detectors = std::move(*detectors);
  }
  return rules;
}

}  // namespace

Result<GenaiRules> parse_genai_rules(const std::string& source, const std::string& text) {
  auto root = load_yaml_text(source, text);
  if (!root) {
    return std::unexpected(root.error());
  }
  return read_genai_rules(source, *root);
}

Result<GenaiRules> load_genai_rules(const std::string& path) {
  if (path.empty()) {
    return parse_genai_rules("<built-in genai rules>", std::string(kDefaultRules));
  }
  auto root = load_yaml_file(path, "the rules file", "規則檔");
  if (!root) {
    return std::unexpected(root.error());
  }
  return read_genai_rules(path, *root);
}

std::string_view endpoint_host(std::string_view destination) {
  const std::size_t scheme = destination.find("://");
  if (scheme == std::string_view::npos) {
    return destination;
  }
  std::string_view rest = destination.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) {
    rest.remove_prefix(at + 1);
  }
  if (rest.starts_with('[')) {  // [::1]:8080
    return rest.substr(
        1, rest.find(']') == std::string_view::npos ? rest.size() - 1 : rest.find(']') - 1);
  }
  return rest.substr(0, rest.find(':'));
}

bool on_premises(const GenaiRules& rules, std::string_view model, std::string_view destination) {
  return (!model.empty() && glob_match(rules.on_premises_models, model)) ||
         (!destination.empty() && glob_match(rules.on_premises_hosts, endpoint_host(destination)));
}

}  // namespace etguard::pii
