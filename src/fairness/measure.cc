#include "fairness/measure.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <random>
#include <thread>

namespace etguard::fairness {
namespace {

constexpr std::size_t kMetrics = std::size(kDisparityMetrics);
// Beyond these sizes intervals would cost more than the measurement is worth.
constexpr std::size_t kMaxBootstrapCategories = 4'000'000;
constexpr std::size_t kMaxGroupIntervals = 5'000;

// A group's counts: (label, prediction, bin) -> rows and score sum.
struct Counts {
  std::vector<std::uint64_t> rows;
  std::vector<double> scores;
};

struct Rates {
  std::uint64_t n = 0;
  std::uint64_t tp = 0;
  std::uint64_t fp = 0;
  std::uint64_t tn = 0;
  std::uint64_t fn = 0;
  double selection = kUndefined;
  double base = kUndefined;
  double tpr = kUndefined;
  double fpr = kUndefined;
  double ece = kUndefined;
};

double ratio(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? kUndefined : static_cast<double>(part) / static_cast<double>(whole);
}

// One score bin of a group: its rows, how many were positive, their scores' sum.
struct BinTotals {
  std::uint64_t count = 0;
  std::uint64_t positives = 0;
  double score = 0;
};

BinTotals bin_totals(const std::uint64_t* rows, const double* scores, std::size_t bins,
                     std::size_t bin) {
  BinTotals totals;
  for (int label = 0; label < 2; ++label) {
    for (int prediction = 0; prediction < 2; ++prediction) {
      const std::size_t at = outcome_index(label, prediction, bin, bins);
      totals.count += rows[at];
      totals.positives += label == 1 ? rows[at] : 0;
      totals.score += scores[at];
    }
  }
  return totals;
}

Rates rates_of(const std::uint64_t* rows, const double* scores, std::size_t bins, bool calibrate) {
  Rates rates;
  const auto total = [&](int label, int prediction) {
    std::uint64_t sum = 0;
    for (std::size_t bin = 0; bin < bins; ++bin) {
      sum += rows[outcome_index(label, prediction, bin, bins)];
    }
    return sum;
  };
  rates.tn = total(0, 0);
  rates.fp = total(0, 1);
  rates.fn = total(1, 0);
  rates.tp = total(1, 1);
  rates.n = rates.tn + rates.fp + rates.fn + rates.tp;
  rates.selection = ratio(rates.tp + rates.fp, rates.n);
  rates.base = ratio(rates.tp + rates.fn, rates.n);
  rates.tpr = ratio(rates.tp, rates.tp + rates.fn);
  rates.fpr = ratio(rates.fp, rates.fp + rates.tn);
  if (calibrate && rates.n > 0) {
    double error = 0;
    for (std::size_t bin = 0; bin < bins; ++bin) {
      const BinTotals totals = bin_totals(rows, scores, bins, bin);
      if (totals.count > 0) {
        const double c = static_cast<double>(totals.count);
        error += c / static_cast<double>(rates.n) *
                 std::abs(static_cast<double>(totals.positives) / c - totals.score / c);
      }
    }
    rates.ece = error;
  }
  return rates;
}

// Which group of a grouping each cell belongs to.
struct Projection {
  std::vector<std::size_t> columns;
  std::vector<std::vector<std::string>> groups;  // their values, sorted
  std::vector<std::size_t> group_of_cell;
};

std::vector<Projection> projections(const Tally& tally) {
  const std::size_t k = tally.columns.groups.size();
  std::vector<std::vector<std::size_t>> subsets;
  for (std::size_t size = 1; size <= k; ++size) {
    for (unsigned mask = 1; mask < (1U << k); ++mask) {
      if (static_cast<std::size_t>(std::popcount(mask)) != size) {
        continue;
      }
      std::vector<std::size_t> columns;
      for (std::size_t i = 0; i < k; ++i) {
        if ((mask & (1U << i)) != 0) {
          columns.push_back(i);
        }
      }
      subsets.push_back(std::move(columns));
    }
  }
  std::vector<Projection> result;
  for (auto& columns : subsets) {
    Projection projection;
    projection.columns = std::move(columns);
    std::map<std::vector<std::string>, std::size_t> index;
    std::vector<std::vector<std::string>> keys;
    keys.reserve(tally.cells.size());
    for (const Cell& cell : tally.cells) {
      std::vector<std::string> values;
      values.reserve(projection.columns.size());
      for (const std::size_t column : projection.columns) {
        values.push_back(cell.values[column]);
      }
      keys.push_back(values);
      index.emplace(std::move(values), 0);
    }
    std::size_t next = 0;
    for (auto& [values, position] : index) {
      position = next++;
      projection.groups.push_back(values);
    }
    for (const auto& values : keys) {
      projection.group_of_cell.push_back(index.at(values));
    }
    result.push_back(std::move(projection));
  }
  return result;
}

// Adds each cell's counts into its group's.
std::vector<Counts> group_counts(const Projection& projection, const Counts& cells,
                                 std::size_t width) {
  std::vector<Counts> groups(projection.groups.size(),
                             Counts{std::vector<std::uint64_t>(width), std::vector<double>(width)});
  for (std::size_t cell = 0; cell < projection.group_of_cell.size(); ++cell) {
    Counts& group = groups[projection.group_of_cell[cell]];
    for (std::size_t i = 0; i < width; ++i) {
      group.rows[i] += cells.rows[(cell * width) + i];
      group.scores[i] += cells.scores[(cell * width) + i];
    }
  }
  return groups;
}

struct Spread {
  double value = kUndefined;
  std::size_t highest = SIZE_MAX;
  std::size_t lowest = SIZE_MAX;
};

// max - min of a rate over the judged groups where it is defined; undefined
// unless at least two such groups exist.
Spread spread(const std::vector<Rates>& rates, const std::vector<bool>& judged,
              double Rates::* rate) {
  Spread result;
  std::size_t defined = 0;
  for (std::size_t i = 0; i < rates.size(); ++i) {
    const double value = rates[i].*rate;
    if (!judged[i] || std::isnan(value)) {
      continue;
    }
    ++defined;
    if (result.highest == SIZE_MAX || value > rates[result.highest].*rate) {
      result.highest = i;
    }
    if (result.lowest == SIZE_MAX || value < rates[result.lowest].*rate) {
      result.lowest = i;
    }
  }
  if (defined >= 2) {
    result.value = rates[result.highest].*rate - rates[result.lowest].*rate;
  }
  return result;
}

// The disparities in kDisparityMetrics order, with the groups at their extremes.
std::array<Spread, kMetrics> disparities(const std::vector<Rates>& rates,
                                         const std::vector<bool>& judged, bool calibrate) {
  std::array<Spread, kMetrics> out{};
  const std::size_t judged_count = static_cast<std::size_t>(std::ranges::count(judged, true));
  if (judged_count < 2) {
    return out;
  }
  const Spread selection = spread(rates, judged, &Rates::selection);
  out[0] = selection;
  out[1] = selection;
  if (!std::isnan(selection.value)) {
    const double top = rates[selection.highest].selection;
    out[1].value = top == 0 ? 1.0 : rates[selection.lowest].selection / top;
  }
  const Spread tpr = spread(rates, judged, &Rates::tpr);
  const Spread fpr = spread(rates, judged, &Rates::fpr);
  out[2] = tpr;
  if (std::isnan(fpr.value) || (!std::isnan(tpr.value) && tpr.value >= fpr.value)) {
    out[3] = tpr;
  } else {
    out[3] = fpr;
  }
  if (calibrate) {
    Spread worst;
    for (std::size_t i = 0; i < rates.size(); ++i) {
      if (judged[i] && !std::isnan(rates[i].ece) &&
          (worst.highest == SIZE_MAX || rates[i].ece > worst.value)) {
        worst.highest = i;
        worst.value = rates[i].ece;
      }
    }
    out[4] = worst;
  }
  return out;
}

// numpy's default percentile (linear interpolation) of the defined samples.
Interval interval(std::vector<double> samples, double confidence) {
  std::erase_if(samples, [](double value) { return std::isnan(value); });
  if (samples.size() < 2) {
    return {};
  }
  std::ranges::sort(samples);
  const auto at = [&](double q) {
    const double position = q * static_cast<double>(samples.size() - 1);
    const auto below = static_cast<std::size_t>(position);
    const std::size_t above = std::min(below + 1, samples.size() - 1);
    const double fraction = position - static_cast<double>(below);
    return samples[below] + ((samples[above] - samples[below]) * fraction);
  };
  const double tail = (1 - confidence) / 2;
  return {at(tail), at(1 - tail)};
}

// The replicates' values: per grouping, per metric; per group, three rates.
struct Samples {
  std::vector<std::array<std::vector<double>, kMetrics>> disparities;
  std::vector<std::vector<std::array<std::vector<double>, 3>>> groups;
};

std::uint64_t mix(std::uint64_t value) {  // SplitMix64: one stream per replicate
  value += 0x9E3779B97F4A7C15ULL;
  value = (value ^ (value >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  value = (value ^ (value >> 27U)) * 0x94D049BB133111EBULL;
  return value ^ (value >> 31U);
}

// Resampling N rows with replacement makes the counts of the (cell, label,
// prediction, bin) categories multinomial with the observed shares; the mean
// score of a category is held at its observed value.
void draw(const Counts& observed, std::uint64_t rows, std::uint64_t seed, Counts& into) {
  std::mt19937_64 random(seed);
  std::uint64_t left = rows;
  double share_left = 1.0;
  const double total = static_cast<double>(rows);
  for (std::size_t i = 0; i < observed.rows.size(); ++i) {
    into.rows[i] = 0;
    into.scores[i] = 0;
    if (observed.rows[i] == 0 || left == 0) {
      continue;
    }
    const double share = static_cast<double>(observed.rows[i]) / total;
    const double p = std::clamp(share / share_left, 0.0, 1.0);
    std::binomial_distribution<std::uint64_t> binomial(left, p);
    const std::uint64_t drawn = p >= 1.0 ? left : binomial(random);
    into.rows[i] = drawn;
    into.scores[i] =
        observed.scores[i] / static_cast<double>(observed.rows[i]) * static_cast<double>(drawn);
    left -= drawn;
    share_left -= share;
  }
}

void judge(Disparity& disparity) {
  if (!disparity.limit || std::isnan(disparity.value)) {
    disparity.judgement = Judgement::kNotAssessable;
    return;
  }
  const Limit& limit = *disparity.limit;
  disparity.judgement = limit.breached_by(disparity.value) ? Judgement::kFail : Judgement::kPass;
  if (!std::isnan(disparity.ci.low)) {
    disparity.uncertain = disparity.ci.low <= limit.bound && limit.bound <= disparity.ci.high;
  }
}

}  // namespace

std::string group_label(const std::vector<std::string>& values) {
  return fmt::format("{}", fmt::join(values, " / "));
}

std::string extremes(const Disparity& disparity) {
  if (disparity.highest.empty()) {
    return "-";
  }
  return disparity.lowest.empty() ? disparity.highest
                                  : fmt::format("{} vs {}", disparity.highest, disparity.lowest);
}

std::string_view to_string(Judgement judgement) {
  switch (judgement) {
    case Judgement::kPass:
      return "pass";
    case Judgement::kFail:
      return "fail";
    case Judgement::kNotAssessable:
      break;
  }
  return "not_assessable";
}

Measurement measure(const Tally& tally, const Policy& policy, std::size_t jobs) {
  const auto started = std::chrono::steady_clock::now();
  Measurement result;
  result.source = tally.source;
  result.rows = tally.rows;
  result.bytes = tally.bytes;
  result.columns = tally.columns;
  result.policy = policy;
  result.bins = tally.bins;
  const bool calibrate = !tally.columns.score.empty();
  const std::size_t width = 4 * tally.bins;

  Counts cells{std::vector<std::uint64_t>(tally.cells.size() * width),
               std::vector<double>(tally.cells.size() * width)};
  for (std::size_t c = 0; c < tally.cells.size(); ++c) {
    for (std::size_t i = 0; i < width; ++i) {
      cells.rows[(c * width) + i] = tally.cells[c].outcomes[i].count;
      cells.scores[(c * width) + i] = tally.cells[c].outcomes[i].score_sum;
    }
  }
  const std::vector<Projection> groupings = projections(tally);

  // Point estimates.
  std::vector<std::vector<bool>> judged_of(groupings.size());
  std::vector<std::array<Spread, kMetrics>> points(groupings.size());
  std::size_t group_total = 0;
  for (std::size_t g = 0; g < groupings.size(); ++g) {
    const Projection& projection = groupings[g];
    Grouping grouping;
    for (const std::size_t column : projection.columns) {
      grouping.columns.push_back(tally.columns.groups[column]);
    }
    const std::vector<Counts> counts = group_counts(projection, cells, width);
    std::vector<Rates> rates;
    for (std::size_t i = 0; i < counts.size(); ++i) {
      const Rates r =
          rates_of(counts[i].rows.data(), counts[i].scores.data(), tally.bins, calibrate);
      rates.push_back(r);
      GroupStats stats;
      stats.values = projection.groups[i];
      stats.n = r.n;
      stats.tp = r.tp;
      stats.fp = r.fp;
      stats.tn = r.tn;
      stats.fn = r.fn;
      stats.too_small = r.n < policy.min_group_size;
      stats.selection_rate = r.selection;
      stats.base_rate = r.base;
      stats.true_positive_rate = r.tpr;
      stats.false_positive_rate = r.fpr;
      stats.true_negative_rate = ratio(r.tn, r.fp + r.tn);
      stats.false_negative_rate = ratio(r.fn, r.tp + r.fn);
      stats.calibration_error = r.ece;
      for (std::size_t bin = 0; calibrate && bin < tally.bins; ++bin) {
        const BinTotals totals =
            bin_totals(counts[i].rows.data(), counts[i].scores.data(), tally.bins, bin);
        if (totals.count > 0) {
          stats.calibration.push_back({bin, totals.count,
                                       totals.score / static_cast<double>(totals.count),
                                       ratio(totals.positives, totals.count)});
        }
      }
      grouping.judged_groups += stats.too_small ? 0 : 1;
      judged_of[g].push_back(!stats.too_small);
      grouping.groups.push_back(std::move(stats));
    }
    group_total += grouping.groups.size();
    points[g] = disparities(rates, judged_of[g], calibrate);
    for (std::size_t m = 0; m < kMetrics; ++m) {
      if (kDisparityMetrics[m] == "calibration_error_max" && !calibrate) {
        continue;
      }
      Disparity disparity;
      disparity.metric = std::string(kDisparityMetrics[m]);
      disparity.value = points[g][m].value;
      if (points[g][m].highest != SIZE_MAX) {
        disparity.highest = group_label(projection.groups[points[g][m].highest]);
      }
      if (points[g][m].lowest != SIZE_MAX) {
        disparity.lowest = group_label(projection.groups[points[g][m].lowest]);
      }
      if (const Limit* limit = policy.limit(disparity.metric)) {
        disparity.limit = *limit;
      }
      grouping.disparities.push_back(std::move(disparity));
    }
    result.groupings.push_back(std::move(grouping));
  }

  // Bootstrap intervals.
  const std::size_t replicates = policy.bootstrap;
  const bool group_intervals = group_total <= kMaxGroupIntervals;
  if (replicates > 0 && cells.rows.size() > kMaxBootstrapCategories) {
    result.notes.push_back(fmt::format(
        "no intervals: {} combinations of groups and outcomes are more than the bootstrap's {}",
        cells.rows.size(), kMaxBootstrapCategories));
  } else if (replicates > 0) {
    if (!group_intervals) {
      result.notes.push_back(
          fmt::format("no intervals for single groups: {} groups are more than {}", group_total,
                      kMaxGroupIntervals));
    }
    Samples samples;
    samples.disparities.resize(groupings.size());
    samples.groups.resize(groupings.size());
    for (std::size_t g = 0; g < groupings.size(); ++g) {
      for (auto& metric : samples.disparities[g]) {
        metric.assign(replicates, kUndefined);
      }
      if (group_intervals) {
        samples.groups[g].resize(groupings[g].groups.size());
        for (auto& group : samples.groups[g]) {
          for (auto& rate : group) {
            rate.assign(replicates, kUndefined);
          }
        }
      }
    }
    const std::size_t threads = std::clamp<std::size_t>(jobs, 1, replicates);
    {
      std::vector<std::jthread> pool;
      pool.reserve(threads);
      for (std::size_t t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
          Counts drawn{std::vector<std::uint64_t>(cells.rows.size()),
                       std::vector<double>(cells.rows.size())};
          for (std::size_t b = t; b < replicates; b += threads) {
            draw(cells, tally.rows, mix(policy.seed ^ mix(b)), drawn);
            for (std::size_t g = 0; g < groupings.size(); ++g) {
              const std::vector<Counts> counts = group_counts(groupings[g], drawn, width);
              std::vector<Rates> rates;
              rates.reserve(counts.size());
              for (const Counts& group : counts) {
                rates.push_back(
                    rates_of(group.rows.data(), group.scores.data(), tally.bins, calibrate));
              }
              const auto values = disparities(rates, judged_of[g], calibrate);
              for (std::size_t m = 0; m < kMetrics; ++m) {
                samples.disparities[g][m][b] = values[m].value;
              }
              for (std::size_t i = 0; group_intervals && i < rates.size(); ++i) {
                samples.groups[g][i][0][b] = rates[i].selection;
                samples.groups[g][i][1][b] = rates[i].tpr;
                samples.groups[g][i][2][b] = rates[i].fpr;
              }
            }
          }
        });
      }
    }
    for (std::size_t g = 0; g < groupings.size(); ++g) {
      for (Disparity& disparity : result.groupings[g].disparities) {
        const auto m = static_cast<std::size_t>(
            std::ranges::find(kDisparityMetrics, disparity.metric) - std::begin(kDisparityMetrics));
        disparity.ci = interval(samples.disparities[g][m], policy.confidence);
      }
      for (std::size_t i = 0; group_intervals && i < result.groupings[g].groups.size(); ++i) {
        GroupStats& stats = result.groupings[g].groups[i];
        stats.selection_rate_ci = interval(samples.groups[g][i][0], policy.confidence);
        stats.true_positive_rate_ci = interval(samples.groups[g][i][1], policy.confidence);
        stats.false_positive_rate_ci = interval(samples.groups[g][i][2], policy.confidence);
      }
    }
  }

  bool any_judged = false;
  bool any_failed = false;
  for (Grouping& grouping : result.groupings) {
    for (Disparity& disparity : grouping.disparities) {
      judge(disparity);
      any_judged = any_judged || disparity.judgement != Judgement::kNotAssessable;
      any_failed = any_failed || disparity.judgement == Judgement::kFail;
    }
  }
  result.judgement = any_failed   ? Judgement::kFail
                     : any_judged ? Judgement::kPass
                                  : Judgement::kNotAssessable;
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace etguard::fairness
