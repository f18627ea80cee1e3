#include "fairness/policy.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/yaml_file.h"

namespace etguard::fairness {

std::string Limit::text() const {
  return fmt::format("{} {:g}", side == Side::kAtMost ? "<=" : ">=", bound);
}

const Limit* Policy::limit(std::string_view metric) const {
  const auto found = std::ranges::find(limits, metric, &Limit::metric);
  return found == limits.end() ? nullptr : &*found;
}

namespace {

bool known_metric(std::string_view name) {
  return std::ranges::find(kDisparityMetrics, name) != std::end(kDisparityMetrics);
}

void read_limits(const std::string& path, const YamlNode& node, Policy& policy,
                 YamlProblems& problems) {
  if (!node.is_map()) {
    problems.add(node.mark(), "bad-type", "'limits' must be a map of metric: {max|min: number}",
                 "'limits' 必須為「指標: {max|min: 數值}」之對應表");
    return;
  }
  for (const auto& entry : node.entries()) {
    const std::string metric(entry.key.scalar());
    if (!known_metric(metric)) {
      problems.add(
          entry.key.mark(), "unknown-metric",
          fmt::format("unknown metric '{}'; known: {}", metric, fmt::join(kDisparityMetrics, ", ")),
          fmt::format("未知的指標 '{}'；可用：{}", metric, fmt::join(kDisparityMetrics, "、")));
      continue;
    }
    std::erase_if(policy.limits, [&](const Limit& limit) { return limit.metric == metric; });
    if (entry.value.is_scalar() && entry.value.scalar() == "off") {
      continue;
    }
    Limit limit{metric, Limit::Side::kAtMost, 0};
    if (!entry.value.is_map() || entry.value.size() != 1) {
      problems.add(entry.value.mark(), "bad-type",
                   fmt::format("'{}' must be {{max: number}}, {{min: number}} or off", metric),
                   fmt::format("'{}' 必須為 {{max: 數值}}、{{min: 數值}} 或 off", metric));
      continue;
    }
    const auto& bound = *entry.value.entries().begin();
    const std::string side(bound.key.scalar());
    const auto value = yaml_as_number(path, bound.value);
    if (!value) {
      problems.add_located(value.error().message, value.error().message_zh);
      continue;
    }
    limit.bound = *value;
    if (side == "max") {
      limit.side = Limit::Side::kAtMost;
    } else if (side == "min") {
      limit.side = Limit::Side::kAtLeast;
    } else {
      problems.add(bound.key.mark(), "unknown-key",
                   fmt::format("'{}' takes max or min, not '{}'", metric, side),
                   fmt::format("'{}' 僅接受 max 或 min，而非 '{}'", metric, side));
      continue;
    }
    policy.limits.push_back(std::move(limit));
  }
  std::ranges::sort(policy.limits, {}, [](const Limit& limit) {
    return std::ranges::find(kDisparityMetrics, limit.metric) - std::begin(kDisparityMetrics);
  });
}

template <typename Number>
void read_whole(const std::string& path, const YamlNode& node, long long low, long long high,
                Number& into, YamlProblems& problems) {
  const auto value = yaml_as_whole(path, node);
  if (!value) {
    problems.add_located(value.error().message, value.error().message_zh);
  } else if (*value < low || *value > high) {
    problems.add(node.mark(), "out-of-range",
                 fmt::format("must be a whole number from {} to {}", low, high),
                 fmt::format("須為 {} 至 {} 之整數", low, high));
  } else {
    into = static_cast<Number>(*value);
  }
}

}  // namespace

Result<Policy> load_policy(const std::string& path) {
  auto loaded = load_yaml_file(path, "the fairness policy", "公平性政策檔");
  if (!loaded) {
    return std::unexpected(loaded.error());
  }
  Policy policy;
  policy.source = path;
  const YamlNode root = *loaded;
  if (root.is_null()) {
    return policy;
  }
  if (!root.is_map()) {
    return std::unexpected(
        yaml_error(path, root.mark(), "expected a map of settings", "應為設定之對應表"));
  }
  YamlProblems problems(path);
  for (const auto& entry : root.entries()) {
    const std::string key(entry.key.scalar());
    if (key == "min_group_size") {
      read_whole(path, entry.value, 1, 1'000'000'000, policy.min_group_size, problems);
    } else if (key == "bootstrap") {
      read_whole(path, entry.value, 0, 100'000, policy.bootstrap, problems);
    } else if (key == "seed") {
      read_whole(path, entry.value, 0, 1LL << 62, policy.seed, problems);
    } else if (key == "calibration_bins") {
      read_whole(path, entry.value, 2, 100, policy.calibration_bins, problems);
    } else if (key == "confidence") {
      const auto value = yaml_as_number(path, entry.value);
      if (!value) {
        problems.add_located(value.error().message, value.error().message_zh);
      } else if (!(*value > 0.5 && *value < 1)) {
        problems.add(entry.value.mark(), "out-of-range", "confidence must be in (0.5, 1)",
                     "confidence 須介於 0.5 與 1 之間");
      } else {
        policy.confidence = *value;
      }
    } else if (key == "limits") {
      read_limits(path, entry.value, policy, problems);
    } else {
      problems.add(entry.key.mark(), "unknown-key",
                   fmt::format("unknown setting '{}'; see --print-policy", key),
                   fmt::format("未知的設定 '{}'；請見 --print-policy", key));
    }
  }
  if (!problems.empty()) {
    return std::unexpected(problems.error());
  }
  return policy;
}

std::string policy_yaml(const Policy& policy) {
  std::string out =
      "# etguard fairness policy (etguard scan ai-fairness --policy FILE).\n"
      "# Groups smaller than min_group_size are reported as too small, not judged.\n";
  out += fmt::format("min_group_size: {}\n", policy.min_group_size);
  out +=
      "# Bootstrap replicates for the confidence intervals (0: none); the seed makes\n"
      "# them repeatable.\n";
  out += fmt::format("bootstrap: {}\nconfidence: {}\nseed: {}\n", policy.bootstrap,
                     policy.confidence, policy.seed);
  out += fmt::format(
      "# Equal-width score bins for calibration (with --score).\ncalibration_bins: {}\n",
      policy.calibration_bins);
  out += "# A metric: {max: N} or {min: N}; off stops judging it.\nlimits:\n";
  for (const std::string_view metric : kDisparityMetrics) {
    const Limit* limit = policy.limit(metric);
    if (limit == nullptr) {
      out += fmt::format("  {}: off\n", metric);
    } else {
      out += fmt::format("  {}: {{{}: {}}}\n", metric, limit->key(), limit->bound);
    }
  }
  return out;
}

}  // namespace etguard::fairness
