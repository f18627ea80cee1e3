#include "authlog/rules.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <variant>

#include "core/yaml_file.h"

namespace etguard::authlog {
namespace {

enum class Unit : std::uint8_t { kCount, kRatio, kSeconds, kMinutes, kDays };

std::int64_t unit_ms(Unit unit) {
  switch (unit) {
    case Unit::kSeconds:
      return 1'000;
    case Unit::kMinutes:
      return 60'000;
    case Unit::kDays:
      return 86'400'000;
    default:
      return 1;
  }
}

using Field = std::variant<int Policy::*, std::int64_t Policy::*, int AttackPolicy::*,
                           std::int64_t AttackPolicy::*, double AttackPolicy::*>;

struct Rule {
  std::string_view section;
  std::string_view key;
  Unit unit;
  Field field;
  std::string_view comment;
};

using P = Policy;
using A = AttackPolicy;

constexpr std::array<Rule, 25> kRules{{
    {"lockout", "threshold", Unit::kCount, &P::lock_threshold,
     "Art. 36(5): wrong passwords in a row that lock"},
    {"notification", "window_seconds", Unit::kSeconds, &P::notification_window_ms,
     "Art. 37(2): a notification counts within this of its login or trade"},
    {"password_age", "max_days", Unit::kDays, &P::password_max_age_ms,
     "Art. 36(6): older passwords need a change prompt"},
    {"password_age", "prompt_window_seconds", Unit::kSeconds, &P::prompt_window_ms, ""},
    {"reorder", "window_seconds", Unit::kSeconds, &P::reorder_window_ms,
     "out-of-order delivery absorbed (--reorder-window overrides)"},
    {"attacks", "window_minutes", Unit::kMinutes, &A::hour_ms,
     "the short window of every attack rule"},
    {"attacks", "merge_gap_minutes", Unit::kMinutes, &A::merge_gap_ms,
     "triggered windows closer than this are one finding"},
    {"brute_force", "short_failures", Unit::kCount, &A::brute_short, "one (source, account)"},
    {"brute_force", "short_minutes", Unit::kMinutes, &A::brute_short_ms, ""},
    {"brute_force", "window_failures", Unit::kCount, &A::brute_long, ""},
    {"distributed_brute_force", "window_failures", Unit::kCount, &A::distributed_hour,
     "one account, many sources, none above half"},
    {"distributed_brute_force", "window_sources", Unit::kCount, &A::distributed_hour_sources, ""},
    {"distributed_brute_force", "day_failures", Unit::kCount, &A::distributed_day, ""},
    {"distributed_brute_force", "day_sources", Unit::kCount, &A::distributed_day_sources, ""},
    {"password_spray", "window_accounts", Unit::kCount, &A::spray_hour_accounts, "one source"},
    {"password_spray", "day_accounts", Unit::kCount, &A::spray_day_accounts, ""},
    {"password_spray", "min_failure_ratio", Unit::kRatio, &A::spray_failure_ratio, ""},
    {"password_spray", "max_failures_per_account", Unit::kRatio, &A::spray_failures_per_account,
     ""},
    {"account_enumeration", "window_names", Unit::kCount, &A::enumeration_hour_names,
     "one source, non-existent ids"},
    {"account_enumeration", "day_names", Unit::kCount, &A::enumeration_day_names, ""},
    {"account_enumeration", "min_unknown_share", Unit::kRatio, &A::enumeration_unknown_share, ""},
    {"credential_stuffing", "bucket_minutes", Unit::kMinutes, &A::bucket_ms,
     "quiet sources on customer channels"},
    {"credential_stuffing", "quiet_max_failures", Unit::kCount, &A::quiet_max_failures, ""},
    {"credential_stuffing", "hot_sources", Unit::kCount, &A::hot_sources, ""},
    {"credential_stuffing", "hot_names", Unit::kCount, &A::hot_names, ""},
}};

double get(const Policy& policy, const Rule& rule) {
  return std::visit(
      [&](auto member) -> double {
        using Owner =
            std::conditional_t<std::is_same_v<decltype(member), int Policy::*> ||
                                   std::is_same_v<decltype(member), std::int64_t Policy::*>,
                               Policy, AttackPolicy>;
        const Owner* owner = nullptr;
        if constexpr (std::is_same_v<Owner, Policy>) {
          owner = &policy;
        } else {
          owner = &policy.attacks;
        }
        const auto value = owner->*member;
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(value)>, std::int64_t>) {
          return static_cast<double>(value) / static_cast<double>(unit_ms(rule.unit));
        } else {
          return static_cast<double>(value);
        }
      },
      rule.field);
}

void set(Policy& policy, const Rule& rule, double value) {
  std::visit(
      [&](auto member) {
        using Owner =
            std::conditional_t<std::is_same_v<decltype(member), int Policy::*> ||
                                   std::is_same_v<decltype(member), std::int64_t Policy::*>,
                               Policy, AttackPolicy>;
        Owner* owner = nullptr;
        if constexpr (std::is_same_v<Owner, Policy>) {
          owner = &policy;
        } else {
          owner = &policy.attacks;
        }
        auto& target = owner->*member;
        using Target = std::remove_cvref_t<decltype(target)>;
        if constexpr (std::is_same_v<Target, std::int64_t>) {
          target = std::llround(value * static_cast<double>(unit_ms(rule.unit)));
        } else if constexpr (std::is_same_v<Target, int>) {
          target = static_cast<int>(std::lround(value));
        } else {
          target = value;
        }
      },
      rule.field);
}

const Rule* find_rule(std::string_view section, std::string_view key) {
  for (const Rule& rule : kRules) {
    if (rule.section == section && rule.key == key) {
      return &rule;
    }
  }
  return nullptr;
}

}  // namespace

Result<Policy> load_rules(const std::string& path) {
  auto loaded = load_yaml_file(path, "the rules file", "規則檔");
  if (!loaded) {
    return std::unexpected(loaded.error());
  }
  const YamlNode root = *loaded;
  Policy policy;
  if (root.is_null()) {
    return policy;
  }
  if (!root.is_map()) {
    return std::unexpected(
        yaml_error(path, root.mark(), "expected a map of rule sections", "應為規則區段之對應表"));
  }
  for (const auto& section : root.entries()) {
    const std::string name(section.key.scalar());
    if (name == "channels") {
      const YamlNode customer = section.value["customer"];
      if (!customer || !customer.is_sequence() || customer.size() == 0) {
        return std::unexpected(yaml_error(path, section.key.mark(),
                                          "channels: 'customer' must be a non-empty list",
                                          "channels：customer 必須為非空清單"));
      }
      policy.customer_channels.clear();
      for (const YamlNode& channel : customer.items()) {
        auto text = yaml_as_text(path, channel);
        if (!text) {
          return std::unexpected(text.error());
        }
        policy.customer_channels.push_back(std::move(*text));
      }
      continue;
    }
    if (!section.value.is_map()) {
      return std::unexpected(yaml_error(path, section.key.mark(),
                                        fmt::format("'{}' must be a map of settings", name),
                                        fmt::format("'{}' 必須為設定之對應表", name)));
    }
    for (const auto& entry : section.value.entries()) {
      const std::string key(entry.key.scalar());
      const Rule* rule = find_rule(name, key);
      if (rule == nullptr) {
        return std::unexpected(yaml_error(
            path, entry.key.mark(),
            fmt::format("unknown setting '{}.{}'; see etguard scan authlog --print-rules", name,
                        key),
            fmt::format("未知的設定 '{}.{}'；請見 etguard scan authlog --print-rules", name, key)));
      }
      const auto number = yaml_as_number(path, entry.value);
      if (!number) {
        return std::unexpected(number.error());
      }
      const double value = *number;
      const bool ratio = rule->unit == Unit::kRatio && rule->key.starts_with("min_");
      if (!(value > 0) || (ratio && value > 1) || !std::isfinite(value)) {
        return std::unexpected(yaml_error(
            path, entry.value.mark(),
            fmt::format("'{}.{}' must be {}", name, key,
                        ratio ? "a ratio in (0, 1]" : "a positive number"),
            fmt::format("'{}.{}' 必須為{}", name, key, ratio ? "(0, 1] 之比率" : "正數")));
      }
      set(policy, *rule, value);
    }
  }
  return policy;
}

std::string rules_yaml(const Policy& policy) {
  std::string out =
      "# etguard scan authlog rules (docs/authlog.md); any subset may be given with --rules.\n";
  std::string_view section;
  for (const Rule& rule : kRules) {
    if (rule.section != section) {
      section = rule.section;
      out += fmt::format("{}:\n", section);
    }
    const std::string comment =
        rule.comment.empty() ? std::string() : fmt::format("  # {}", rule.comment);
    out += fmt::format("  {}: {}{}\n", rule.key, get(policy, rule), comment);
  }
  out += "channels:\n  customer: [";
  for (std::size_t i = 0; i < policy.customer_channels.size(); ++i) {
    out += (i == 0 ? "" : ", ") + policy.customer_channels[i];
  }
  return out + "]\n";
}

}  // namespace etguard::authlog
