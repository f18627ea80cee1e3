// The fairness policy: which disparities are judged and where their limits
// are, the smallest group judged, and how intervals are drawn. Built-in
// defaults follow the four-fifths rule; a firm tunes them in YAML
// (etguard scan ai-fairness --print-policy shows every key).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace etguard::fairness {

// A disparity metric with its limit: the value must stay at most, or at
// least, the bound.
struct Limit {
  enum class Side : std::uint8_t { kAtMost, kAtLeast };
  std::string metric;
  Side side = Side::kAtMost;
  double bound = 0;

  bool breached_by(double value) const {
    return side == Side::kAtMost ? value > bound : value < bound;
  }
  std::string_view key() const {
    return side == Side::kAtMost ? "max" : "min";
  }  // in YAML and JSON
  std::string text() const;  // "<= 0.1", ">= 0.8"
};

// The disparity metrics etguard computes, in report order.
inline constexpr std::string_view kDisparityMetrics[] = {
    "demographic_parity_difference", "demographic_parity_ratio", "equal_opportunity_difference",
    "equalized_odds_difference", "calibration_error_max"};

struct Policy {
  std::uint64_t min_group_size = 30;  // smaller groups are reported, not judged
  std::size_t bootstrap = 1000;       // replicates; 0: no intervals
  double confidence = 0.95;
  std::uint64_t seed = 1;  // the same seed draws the same intervals
  std::size_t calibration_bins = 10;
  std::vector<Limit> limits = {{"demographic_parity_difference", Limit::Side::kAtMost, 0.1},
                               {"demographic_parity_ratio", Limit::Side::kAtLeast, 0.8},
                               {"equal_opportunity_difference", Limit::Side::kAtMost, 0.1},
                               {"equalized_odds_difference", Limit::Side::kAtMost, 0.1},
                               {"calibration_error_max", Limit::Side::kAtMost, 0.05}};
  std::string source = "built-in";

  const Limit* limit(std::string_view metric) const;
};

// Reads a policy file; every problem located ("FILE:LINE:COLUMN: ..."). Keys
// left out keep their defaults; a metric under `limits` replaces its limit,
// and `off` stops judging it.
Result<Policy> load_policy(const std::string& path);

// The policy as the YAML a firm starts from.
std::string policy_yaml(const Policy& policy);

}  // namespace etguard::fairness
