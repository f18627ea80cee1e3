// The fairness metrics of a tallied decision log, per group and per
// intersection of groups, with bootstrap intervals and each disparity judged
// against the policy. Definitions (docs/ai-fairness.md) follow fairlearn and
// scikit-learn so that a pandas computation gives the same numbers.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "fairness/decisions.h"
#include "fairness/policy.h"

namespace etguard::fairness {

inline constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

struct Interval {
  double low = kUndefined;
  double high = kUndefined;
};

struct CalibrationBin {
  std::size_t bin = 0;
  std::uint64_t count = 0;
  double mean_score = 0;
  double positive_rate = 0;
};

// One group (one value per column of its grouping). Rates with no
// denominator (a TPR where nobody was positive) are kUndefined.
struct GroupStats {
  std::vector<std::string> values;
  std::uint64_t n = 0;
  std::uint64_t tp = 0;
  std::uint64_t fp = 0;
  std::uint64_t tn = 0;
  std::uint64_t fn = 0;
  bool too_small = false;  // n < min_group_size: reported, not judged
  double selection_rate = kUndefined;
  double base_rate = kUndefined;
  double true_positive_rate = kUndefined;
  double false_positive_rate = kUndefined;
  double true_negative_rate = kUndefined;
  double false_negative_rate = kUndefined;
  double calibration_error = kUndefined;  // expected calibration error, with scores
  std::vector<CalibrationBin> calibration;
  Interval selection_rate_ci;
  Interval true_positive_rate_ci;
  Interval false_positive_rate_ci;
};

enum class Judgement { kPass, kFail, kNotAssessable };

struct Disparity {
  std::string metric;
  double value = kUndefined;
  Interval ci;
  std::string highest;  // the group at the top of the metric's range
  std::string lowest;
  std::optional<Limit> limit;  // none: reported, not judged
  Judgement judgement = Judgement::kNotAssessable;
  bool uncertain = false;  // the interval reaches across the limit
};

struct Grouping {
  std::vector<std::string> columns;
  std::vector<GroupStats> groups;
  std::size_t judged_groups = 0;  // groups not too small
  std::vector<Disparity> disparities;
};

struct Measurement {
  std::string source;
  std::uint64_t rows = 0;
  std::uint64_t bytes = 0;
  Columns columns;
  Policy policy;
  std::size_t bins = 1;
  std::vector<Grouping> groupings;  // each column alone, then their intersections
  std::vector<std::string> notes;   // what was not computed, and why
  Judgement judgement = Judgement::kNotAssessable;
  double seconds = 0;
};

// Computes every metric; `jobs` threads draw the bootstrap replicates (the
// result does not depend on how many).
Measurement measure(const Tally& tally, const Policy& policy, std::size_t jobs);

// "M vs F": the groups at a disparity's extremes ("X" alone for the worst
// calibration error, "-" when none).
std::string extremes(const Disparity& disparity);

// "F / 30-39": a group's values as people read them.
std::string group_label(const std::vector<std::string>& values);
std::string_view to_string(Judgement judgement);

}  // namespace etguard::fairness
