// A model's decision log (one row per decision: the groups of the person
// decided on, the true outcome, the model's decision and optionally its
// score) reduced to counts: how often each combination of group values met
// each (label, decision, score bin). Every fairness metric, and every
// bootstrap replicate of it, is a function of these counts alone, so a log of
// tens of millions of rows is read once, in parallel, in bounded memory.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace etguard::fairness {

// Which columns (CSV headers or JSON keys) hold what.
struct Columns {
  std::vector<std::string> groups;  // 1 to kMaxGroupColumns, e.g. gender, age_band
  std::string label = "y";          // the true outcome, 0 or 1
  std::string prediction = "yhat";  // the model's decision, 0 or 1
  std::string score;                // a probability in [0, 1]; empty: no calibration
  // The group value given to an empty cell; when unset an empty cell is an error.
  std::string missing_group;
  bool name_missing_groups = false;
};

inline constexpr std::size_t kMaxGroupColumns = 4;
// More distinct combinations than this and the column is an identifier, not a group.
inline constexpr std::size_t kMaxCells = 100'000;

struct ReadOptions {
  std::string format;  // "csv" | "jsonl"; empty: from the file name (.jsonl, .ndjson, .json)
  char delimiter = ',';
  std::size_t jobs = 1;
  std::size_t calibration_bins = 10;
  std::size_t block_bytes = std::size_t{1} << 20U;  // stays in a core's cache
  std::function<void(std::uint64_t bytes)> progress;
};

// The rows of one combination of (label, prediction, score bin).
struct Outcome {
  std::uint64_t count = 0;
  double score_sum = 0;
};

// One combination of group values (one value per group column).
struct Cell {
  std::vector<std::string> values;
  // Indexed by outcome_index(label, prediction, bin): 4 x bins entries.
  std::vector<Outcome> outcomes;
};

struct Tally {
  Columns columns;
  std::size_t bins = 1;     // calibration bins; 1 without scores
  std::vector<Cell> cells;  // sorted by values
  std::uint64_t rows = 0;
  std::uint64_t bytes = 0;
  std::string source;  // the file read ("-": standard input)
};

inline std::size_t outcome_index(int label, int prediction, std::size_t bin, std::size_t bins) {
  return (static_cast<std::size_t>(label * 2 + prediction) * bins) + bin;
}

// The bin of `score` among `bins` equal-width bins of [0, 1], as numpy's
// searchsorted over linspace(0, 1, bins + 1)[1:-1] (what scikit-learn's
// calibration_curve does): an edge belongs to the bin below it.
std::size_t score_bin(double score, std::size_t bins);

// Reads a decision log. Errors name the file, the line and the problem: a
// missing column, a label or decision that is not 0/1 (true/false), a score
// outside [0, 1], an empty group value (unless name_missing_groups), a
// malformed record, a group column with more than kMaxCells values.
Result<Tally> tally_decisions(const std::string& path, const Columns& columns,
                              const ReadOptions& options);

// The same from text in memory (tests, fuzzing); `origin` names it in errors.
Result<Tally> tally_decisions_text(std::string_view text, std::string_view origin,
                                   const Columns& columns, const ReadOptions& options);

}  // namespace etguard::fairness
