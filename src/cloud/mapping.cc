#include "cloud/mapping.h"

#include <algorithm>
#include <charconv>

namespace etguard::cloud {

const MappedCheck* mapped_check(Tool tool, std::string_view check_id) {
  const std::span<const MappedCheck> mapping = mapping_of(tool);
  const auto found = std::ranges::lower_bound(mapping, check_id, {}, &MappedCheck::check_id);
  return found != mapping.end() && found->check_id == check_id ? &*found : nullptr;
}

bool rule_holds(const IacRule& rule, const RuleValue& value) {
  switch (rule.condition) {
    case Condition::kPresent:
      return value.present;
    case Condition::kEquals:
      return value.present && value.text == rule.expected;
    case Condition::kOneOf: {
      std::string_view options = rule.expected;
      while (value.present && !options.empty()) {
        const std::size_t bar = options.find('|');
        if (options.substr(0, bar) == value.text) {
          return true;
        }
        options.remove_prefix(bar == std::string_view::npos ? options.size() : bar + 1);
      }
      return false;
    }
    case Condition::kAtLeast: {
      double floor = 0;
      std::from_chars(rule.expected.data(), rule.expected.data() + rule.expected.size(), floor);
      return value.number && *value.number >= floor;
    }
  }
  return false;
}

}  // namespace etguard::cloud
