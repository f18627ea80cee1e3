#include "cloud/mapping.h"

#include <algorithm>
#include <charconv>

namespace etguard::cloud {

const MappedCheck* mapped_check(Tool tool, std::string_view check_id) {
  const std::span<const MappedCheck> mapping = mapping_of(tool);
  const auto found = std::ranges::lower_bound(mapping, check_id, {}, &MappedCheck::check_id);
  return found != mapping.end() && found->check_id == check_id ? &*found : nullptr;
}

namespace {

// An image reference with its registry: "nginx:1.25" is Docker Hub's
// "docker.io/library/nginx:1.25"; a first component with a dot, a colon or
// "localhost" is a registry host.
std::string with_registry(std::string_view image) {
  const std::size_t slash = image.find('/');
  if (slash != std::string_view::npos) {
    const std::string_view first = image.substr(0, slash);
    if (first.find_first_of(".:") != std::string_view::npos || first == "localhost") {
      return std::string(image);
    }
    return "docker.io/" + std::string(image);
  }
  return "docker.io/library/" + std::string(image);
}

bool from_trusted_registry(std::string_view image, const std::vector<std::string>& registries) {
  const std::string qualified = with_registry(image);
  return std::ranges::any_of(registries, [&](std::string_view registry) {
    if (registry.starts_with("https://")) {
      registry.remove_prefix(8);
    }
    while (registry.ends_with('/')) {
      registry.remove_suffix(1);
    }
    return !registry.empty() && qualified.starts_with(registry) &&
           (qualified.size() == registry.size() ||
            std::string_view("/:@").find(qualified[registry.size()]) != std::string_view::npos);
  });
}

bool pinned_by_digest(std::string_view image) {
  const std::size_t at = image.find("@sha256:");
  if (at == std::string_view::npos) {
    return false;
  }
  const std::string_view digest = image.substr(at + 8);
  return digest.size() == 64 &&
         digest.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// Whether `text` is one of the '|'-separated `options`.
bool listed(std::string_view options, std::string_view text) {
  while (!options.empty()) {
    const std::size_t bar = options.find('|');
    if (options.substr(0, bar) == text) {
      return true;
    }
    options.remove_prefix(bar == std::string_view::npos ? options.size() : bar + 1);
  }
  return false;
}

}  // namespace

bool rule_judgeable(const IacRule& rule, const RuleContext& context) {
  return rule.condition != Condition::kTrustedRegistry || !context.trusted_registries.empty();
}

bool rule_holds_all(const IacRule& rule, const std::vector<RuleValue>& values,
                    const RuleContext& context) {
  return !values.empty() && std::ranges::all_of(values, [&](const RuleValue& value) {
    return rule_holds(rule, value, context);
  });
}

bool rule_holds(const IacRule& rule, const RuleValue& value, const RuleContext& context) {
  switch (rule.condition) {
    case Condition::kTrustedRegistry:
      return value.present && from_trusted_registry(value.text, context.trusted_registries);
    case Condition::kDigestPinned:
      return value.present && pinned_by_digest(value.text);
    case Condition::kPresent:
    case Condition::kReferencedBy:  // the reader tells
      return value.present;
    case Condition::kEquals:
      return value.present && value.text == rule.expected;
    case Condition::kOneOf:
      return value.present && listed(rule.expected, value.text);
    case Condition::kNoneOf:
      return value.present && !listed(rule.expected, value.text);
    case Condition::kAtLeast: {
      double floor = 0;
      std::from_chars(rule.expected.data(), rule.expected.data() + rule.expected.size(), floor);
      return value.number && *value.number >= floor;
    }
  }
  return false;
}

}  // namespace etguard::cloud
