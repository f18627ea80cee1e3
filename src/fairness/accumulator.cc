#include "fairness/accumulator.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace etguard::fairness {

Accumulator::Accumulator(const Columns& columns, std::size_t bins)
    : columns_(columns), bins_(bins) {}

void Accumulator::fail(std::uint64_t line, std::string en, std::string zh) {
  if (!problem_ || line < problem_->line) {
    problem_ = RowProblem{line, std::move(en), std::move(zh)};
  }
}

std::optional<int> Accumulator::flag(std::string_view text, std::string_view column,
                                     std::uint64_t line) {
  if (text == "1" || text == "true" || text == "True" || text == "TRUE") {
    return 1;
  }
  if (text == "0" || text == "false" || text == "False" || text == "FALSE") {
    return 0;
  }
  const std::string shown(text.substr(0, 40));
  fail(line, fmt::format("column '{}' must be 0 or 1 (or true/false), not '{}'", column, shown),
       fmt::format("欄位 '{}' 必須為 0 或 1（或 true/false），而非 '{}'", column, shown));
  return std::nullopt;
}

std::size_t Accumulator::cell_of(std::span<const std::string_view> groups, std::uint64_t line) {
  key_.clear();
  for (std::size_t i = 0; i < groups.size(); ++i) {
    std::string_view value = groups[i];
    if (value.empty()) {
      if (!columns_.name_missing_groups) {
        fail(line,
             fmt::format("the group column '{}' is empty; give such rows a group with "
                         "--missing-group NAME or fix the log",
                         columns_.groups[i]),
             fmt::format("分組欄位 '{}' 為空白；請以 --missing-group 名稱 指定其分組，或修正紀錄",
                         columns_.groups[i]));
        return SIZE_MAX;
      }
      value = columns_.missing_group;
    }
    if (value.find(kKeySeparator) != std::string_view::npos) {
      fail(line, fmt::format("the group column '{}' holds a control character", columns_.groups[i]),
           fmt::format("分組欄位 '{}' 含控制字元", columns_.groups[i]));
      return SIZE_MAX;
    }
    if (i > 0) {
      key_.push_back(kKeySeparator);
    }
    key_.append(value);
  }
  if (const auto found = index_.find(std::string_view(key_)); found != index_.end()) {
    return found->second;
  }
  if (keys_.size() >= kMaxCells) {
    fail(line,
         fmt::format("the group columns have more than {} distinct combinations; is one of "
                     "them an identifier rather than a group?",
                     kMaxCells),
         fmt::format("分組欄位之組合超過 {} 種；其中是否有識別碼而非分組？", kMaxCells));
    return SIZE_MAX;
  }
  index_.emplace(key_, keys_.size());
  keys_.push_back(key_);
  outcomes_.emplace_back(4 * bins_);
  return keys_.size() - 1;
}

bool Accumulator::add(std::span<const std::string_view> groups, std::string_view label,
                      std::string_view prediction, std::string_view score, std::uint64_t line) {
  const auto truth = flag(label, columns_.label, line);
  if (!truth) {
    return false;
  }
  const auto decided = flag(prediction, columns_.prediction, line);
  if (!decided) {
    return false;
  }
  double probability = 0;
  std::size_t bin = 0;
  if (bins_ > 1) {
    const char* const end = score.data() + score.size();
    const auto [stop, error] =
        std::from_chars(score.data(), score.data() + score.size(), probability);
    if (score.empty() || error != std::errc() || stop != end || !(probability >= 0) ||
        !(probability <= 1)) {
      const std::string shown(score.substr(0, 40));
      fail(line,
           fmt::format("column '{}' must be a probability in [0, 1], not '{}'", columns_.score,
                       shown),
           fmt::format("欄位 '{}' 必須為 [0, 1] 之機率，而非 '{}'", columns_.score, shown));
      return false;
    }
    bin = score_bin(probability, bins_);
  }
  const std::size_t cell = cell_of(groups, line);
  if (cell == SIZE_MAX) {
    return false;
  }
  Outcome& outcome = outcomes_[cell][outcome_index(*truth, *decided, bin, bins_)];
  ++outcome.count;
  outcome.score_sum += probability;
  ++rows_;
  return true;
}

void Accumulator::merge_into(std::unordered_map<std::string, Cell>& into) const {
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    Cell& cell = into[keys_[i]];
    if (cell.outcomes.empty()) {
      cell.values = split_key(keys_[i]);
      cell.outcomes.resize(outcomes_[i].size());
    }
    for (std::size_t j = 0; j < outcomes_[i].size(); ++j) {
      cell.outcomes[j].count += outcomes_[i][j].count;
      cell.outcomes[j].score_sum += outcomes_[i][j].score_sum;
    }
  }
}

std::vector<std::string> split_key(std::string_view key) {
  std::vector<std::string> values;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = key.find(kKeySeparator, start);
    values.emplace_back(key.substr(start, end - start));
    if (end == std::string_view::npos) {
      return values;
    }
    start = end + 1;
  }
}

std::size_t score_bin(double score, std::size_t bins) {
  // Edges as numpy's linspace computes them: i * (1 / bins).
  const double step = 1.0 / static_cast<double>(bins);
  auto below = static_cast<std::size_t>(
      std::clamp(score * static_cast<double>(bins), 0.0, static_cast<double>(bins - 1)));
  // The bin is the number of inner edges strictly below the score.
  while (below > 0 && !(static_cast<double>(below) * step < score)) {
    --below;
  }
  while (below + 1 < bins && static_cast<double>(below + 1) * step < score) {
    ++below;
  }
  return below;
}

}  // namespace etguard::fairness
